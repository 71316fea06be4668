import { isBankHoliday } from "./bank-holidays";
import { addDays, compareDates, dayOfWeek, LocalDate } from "./local-date";

/**
 * A working day is any day other than a Saturday, Sunday, Christmas Day, Good Friday or an
 * England & Wales bank holiday (the usual statutory definition, e.g. CPPCR 2010 reg 2).
 */
export function isWorkingDay(date: LocalDate): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isBankHoliday(date);
}

/**
 * "Within n working days of X" read as the law reads it: the day after X is the first day
 * counted, so the deadline is the n-th working day after X (e.g. CPPCR 2010 reg 33(1)).
 * X itself may be any day, working or not.
 */
export function workingDaysAfter(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** Working days after `from` up to and including `to`; negative when `to` is earlier. */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  if (compareDates(to, from) < 0) return -workingDaysBetween(to, from);
  let count = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) {
    if (isWorkingDay(d)) count++;
  }
  return count;
}
