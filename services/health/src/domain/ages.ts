import { addDays, addMonths, ageOn, LocalDate } from "@caregraph/platform/calendar";

/**
 * The day a child turns `years` old: the same day and month, and for a child born on 29 February
 * the 1st of March in a common year — the day `ageOn` first gives that age (the same convention
 * the platform uses everywhere, so "aged 4 to 16" and the due dates never disagree by a day).
 */
export function birthday(dateOfBirth: LocalDate, years: number): LocalDate {
  const sameDay = addMonths(dateOfBirth, 12 * years);
  return ageOn(dateOfBirth, sameDay) < years ? addDays(sameDay, 1) : sameDay;
}

/** A bad input: [field, rule, words], as `invalidInput` takes them; null when there is none. */
export type Problem = [string, string, string] | null;
