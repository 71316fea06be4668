import { compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";

/** What is wrong with an input, as [field, rule, words], or null when nothing is. Pure checks return these. */
export type Problem = [field: string, rule: string, message: string] | null;

/** The first problem of several checks, in the order given. */
export const firstProblem = (...checks: (() => Problem)[]): Problem => {
  for (const check of checks) {
    const p = check();
    if (p) return p;
  }
  return null;
};

/** Something that happened cannot have happened after today. */
export const notInFuture = (field: string, on: LocalDate | null | undefined, today: LocalDate): Problem =>
  on && compareDates(on, today) > 0 ? [field, "NOT_IN_FUTURE", `cannot be a future date (today is ${formatDate(today)})`] : null;

/** Nothing in a child's record happens before the child was born (date of birth as the children domain holds it). */
export const notBeforeBirth = (field: string, on: LocalDate | null | undefined, dateOfBirth: LocalDate): Problem =>
  on && compareDates(on, dateOfBirth) < 0 ? [field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${formatDate(dateOfBirth)})`] : null;

/** A later step cannot come before the one it follows (a hearing before the appeal was lodged). */
export const notBefore = (field: string, on: LocalDate | null | undefined, earlier: LocalDate | null | undefined, what: string, rule: string): Problem =>
  on && earlier && compareDates(on, earlier) < 0 ? [field, rule, `cannot be before ${what} (${formatDate(earlier)})`] : null;

/** A date in a child's history: not in the future, not before birth. */
export const pastDate = (field: string, on: LocalDate | null | undefined, dateOfBirth: LocalDate, today: LocalDate): Problem =>
  notInFuture(field, on, today) ?? notBeforeBirth(field, on, dateOfBirth);
