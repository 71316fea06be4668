import { addDays, addMonths, compareDates, dayOfWeek, LocalDate } from "./local-date";
import { isWorkingDay, workingDaysAfter } from "./working-days";

/**
 * A due date that can say how it was worked out, in words a practitioner can check by hand:
 * "15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec,
 * 1 Jan skipped)". Every statutory rule returns one of these, never a bare date.
 */
export interface DueDate {
  date: LocalDate;
  /** How the date follows from the event that started the clock (no leading "due …"). */
  workings: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "13 Jan 2027": the GOV.UK style, unambiguous in every locale. */
export function formatDate(date: LocalDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

const shortDate = (date: LocalDate) => formatDate(date).replace(/ \d{4}$/, "");

/** The n-th working day after `from` (see workingDaysAfter), with the bank holidays it stepped over. */
export function workingDaysAfterExplained(from: LocalDate, n: number, startedBy: string): DueDate {
  const date = workingDaysAfter(from, n);
  const skipped: LocalDate[] = [];
  for (let d = addDays(from, 1); compareDates(d, date) <= 0; d = addDays(d, 1)) {
    if (!isWorkingDay(d) && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) skipped.push(d);
  }
  const holidays = skipped.length
    ? ` (bank holiday${skipped.length > 1 ? "s" : ""} ${skipped.map(shortDate).join(", ")} skipped)`
    : "";
  return { date, workings: `${n} working day${n === 1 ? "" : "s"} after ${startedBy} on ${formatDate(from)}${holidays}` };
}

/** Calendar months after `from` (clamped to the month's end, see addMonths). */
export function monthsAfterExplained(from: LocalDate, months: number, startedBy: string): DueDate {
  const date = addMonths(from, months);
  const day = Number(from.slice(8));
  const clamped = Number(date.slice(8)) !== day ? ` (there is no ${day} ${MONTHS[Number(date.slice(5, 7)) - 1]}: the month's last day)` : "";
  return { date, workings: `${months} month${months === 1 ? "" : "s"} after ${startedBy} on ${formatDate(from)}${clamped}` };
}

/** Calendar days (a week = 7) after `from`. */
export function daysAfterExplained(from: LocalDate, days: number, startedBy: string, unit: "days" | "weeks" = "days"): DueDate {
  const n = unit === "weeks" ? days / 7 : days;
  return { date: addDays(from, days), workings: `${n} ${unit === "weeks" ? "week" : "day"}${n === 1 ? "" : "s"} after ${startedBy} on ${formatDate(from)}` };
}

/** The sentence a work tray shows: "Initial child protection conference due 13 Jan 2027: 15 working days after …". */
export function explain(taskLabel: string, due: DueDate): string {
  return `${taskLabel} due ${formatDate(due.date)}: ${due.workings}`;
}
