import { ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * A child's legal statuses form a chain, as SSDA903 episodes do: each one ends the day the next
 * begins (DEC of one episode = DECOM of the next), with no gaps or overlaps inside a period of
 * care. A period of care ends with a reason episode ceased (REC, rule 149) on the last status;
 * a later status starts a new period. `ceased` marks that last status.
 */
export interface StatusEntry {
  id: string;
  code: string;
  startDate: LocalDate;
  ceased: { on: LocalDate; reason: string } | null;
}

export interface ChainedStatus extends StatusEntry {
  endDate: LocalDate | null;
}

/** Sorts the entries and works out each one's end date; refuses a history that is not a chain. */
export function chain(entries: StatusEntry[], fields = { startDate: "input.startDate", code: "input.code" }): ChainedStatus[] {
  const sorted = [...entries].sort((a, b) => compareDates(a.startDate, b.startDate));
  return sorted.map((s, i) => {
    const next = sorted[i + 1];
    if (next && next.startDate === s.startDate) {
      invalidInput(fields.startDate, "ONE_STATUS_PER_DAY", `a ${next.code === s.code ? "" : "second "}legal status already starts on ${s.startDate}; amend that one instead`);
    }
    if (s.ceased) {
      if (compareDates(s.ceased.on, s.startDate) < 0) {
        invalidInput(fields.startDate, "NOT_AFTER_CARE_ENDED", `care ended on ${s.ceased.on}, before ${s.startDate}`);
      }
      if (next && compareDates(next.startDate, s.ceased.on) < 0) {
        invalidInput(fields.startDate, "OVERLAPS_PERIOD_OF_CARE", `a period of care ended on ${s.ceased.on}; the next legal status (${next.code}) cannot start before that, on ${next.startDate}`);
      }
      return { ...s, endDate: s.ceased.on };
    }
    if (next && next.code === s.code) {
      invalidInput(fields.code, "CHANGES_STATUS", `the legal status from ${s.startDate} is already ${s.code}; a new one must change it`);
    }
    return { ...s, endDate: next?.startDate ?? null };
  });
}

/** The current period of care: from the first status after the last one that ceased, if the last is open. */
export function currentPeriodStart(history: ChainedStatus[]): ChainedStatus | null {
  const last = history.at(-1);
  if (!last || last.ceased) return null;
  let i = history.length - 1;
  while (i > 0 && !history[i - 1]!.ceased) i--;
  return history[i]!;
}

/** The legal status in force on a date: begun on or before it and not yet ended. */
export function inForceOn(history: ChainedStatus[], date: LocalDate): ChainedStatus | null {
  return history.find((s) => compareDates(s.startDate, date) <= 0 && (s.endDate === null || compareDates(date, s.endDate) < 0)) ?? null;
}

/** A legal status, looked-after start or end of care: on or after birth and not in the future. */
export function checkStatusDate(field: string, date: LocalDate, dateOfBirth: LocalDate, today: LocalDate): void {
  if (compareDates(date, today) > 0) invalidInput(field, "NOT_IN_FUTURE", `cannot be in the future (today is ${today})`);
  if (compareDates(date, dateOfBirth) < 0) invalidInput(field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`);
}

/** A child becomes looked after before their 18th birthday (Children Act 1989 s105: a child is under 18). */
export function checkUnder18(field: string, dateOfBirth: LocalDate, date: LocalDate): void {
  if (ageOn(dateOfBirth, date) >= 18) invalidInput(field, "UNDER_18", "a child can only become looked after before their 18th birthday");
}

export interface NewStatusPlan {
  history: ChainedStatus[];
  /** The status it splits (its previous code), if it lands inside one. */
  previous: ChainedStatus | null;
  /** It starts a new period of care. */
  startsPeriodOfCare: boolean;
}

/**
 * A new legal status. After the latest one it ends the current status that day; an earlier date
 * fills the history in its place (the status it lands in ends that day, and the new one runs to
 * that status's old end, taking over the end of care if care ended then). For a child not looked
 * after it starts a new period of care. It cannot land before a period of care began or in a gap
 * between two: that changes when the child was looked after — amend the first status instead.
 */
export function addStatus(history: ChainedStatus[], entry: Omit<StatusEntry, "ceased">, dateOfBirth: LocalDate, today: LocalDate): NewStatusPlan {
  checkStatusDate("input.startDate", entry.startDate, dateOfBirth, today);
  const last = history.at(-1);
  if (!last || (last.ceased && compareDates(entry.startDate, last.ceased.on) >= 0)) {
    checkUnder18("input.startDate", dateOfBirth, entry.startDate);
    return { history: chain([...history, { ...entry, ceased: null }]), previous: null, startsPeriodOfCare: true };
  }
  const container = history.find((s) => compareDates(s.startDate, entry.startDate) <= 0 && (s.endDate === null || compareDates(entry.startDate, s.endDate) < 0));
  if (!container) {
    const next = history.find((s, i) => compareDates(s.startDate, entry.startDate) > 0 && (i === 0 || history[i - 1]!.ceased));
    invalidInput(
      "input.startDate",
      "NOT_BEFORE_LOOKED_AFTER",
      `the child was not looked after on ${entry.startDate} (the period of care began on ${next?.startDate}); to change when care began, amend its first legal status`,
    );
  }
  if (container.code === entry.code) invalidInput("input.code", "CHANGES_STATUS", `the child's legal status on ${entry.startDate} is already ${entry.code}`);
  const entries = history.map((s): StatusEntry => (s.id === container.id ? { ...s, ceased: null } : s));
  entries.push({ ...entry, ceased: container.ceased });
  return { history: chain(entries), previous: container, startsPeriodOfCare: false };
}

/** A corrected code or start date; the chain is worked out again. */
export function amendStatus(history: ChainedStatus[], id: string, change: { code: string; startDate: LocalDate }, dateOfBirth: LocalDate, today: LocalDate): ChainedStatus[] {
  checkStatusDate("input.startDate", change.startDate, dateOfBirth, today);
  const amended = chain(history.map((s) => (s.id === id ? { ...s, ...change } : s)));
  const start = currentPeriodStart(amended);
  if (start && start.startDate !== currentPeriodStart(history)?.startDate) checkUnder18("input.startDate", dateOfBirth, start.startDate);
  return amended;
}

/**
 * A status withdrawn as entered in error. If care ended on it, the status before it in the same
 * period of care now carries that end. The only status of the current period cannot be voided:
 * that would unmake a period of care (end it with endCare, or amend it).
 */
export function voidStatus(history: ChainedStatus[], id: string): ChainedStatus[] {
  const i = history.findIndex((s) => s.id === id);
  const target = history[i]!;
  const before = history[i - 1];
  const entries: StatusEntry[] = history
    .filter((s) => s.id !== id)
    .map((s) => (target.ceased && before && !before.ceased && s.id === before.id ? { ...s, ceased: target.ceased } : s));
  const voided = chain(entries, { startDate: "input.id", code: "input.id" });
  if (currentPeriodStart(history) && !currentPeriodStart(voided)) {
    invalidInput("input.id", "ONLY_LEGAL_STATUS", "this is the only legal status of the current period of care; amend it, or end care with endCare");
  }
  return voided;
}

/**
 * The end of a period of care (DfE DEC + REC, rules 148/149): the status in force ends that day.
 * X1 ("episode ceases and new episode begins on same day") is not leaving care.
 */
export function endCareOn(history: ChainedStatus[], endDate: LocalDate, reason: string, dateOfBirth: LocalDate, today: LocalDate): ChainedStatus[] {
  const open = history.at(-1);
  if (!open || open.ceased) invalidInput("input.childId", "NOT_LOOKED_AFTER", "the child is not looked after");
  if (reason === "X1") invalidInput("input.reason", "NOT_LEAVING_CARE", "X1 is a new episode the same day, not leaving care: record the new legal status instead");
  checkStatusDate("input.endDate", endDate, dateOfBirth, today);
  if (compareDates(endDate, open.startDate) < 0) {
    invalidInput("input.endDate", "NOT_BEFORE_CURRENT_STATUS", `must be on or after ${open.startDate}, when the current legal status (${open.code}) began`);
  }
  return chain(history.map((s) => (s.id === open.id ? { ...s, ceased: { on: endDate, reason } } : s)));
}
