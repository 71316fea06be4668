import { compareDates, DueDate, formatDate, LocalDate, monthsAfterExplained } from "@caregraph/platform/calendar";
import { birthday, Problem } from "./ages";

/**
 * The Strengths and Difficulties Questionnaire: a total difficulties score of 0 to 40 for children
 * aged 4 to 16 (from the 4th birthday to the day before the 17th), completed each year; the DfE
 * return needs the latest (SSDA903 OC2 SDQ_SCORE, validation 180: an integer 0–40). Statutory
 * guidance (2015) asks for one a year; the exact wording was not read here.
 */
export const AUTHORITY = "SSDA903 OC2 SDQ_SCORE (children aged 4 to 16, yearly); 2015 statutory guidance, Promoting the health and well-being of looked-after children";

export const SDQ_MIN_AGE = 4;
/** Aged 4 to 16: no SDQ from the 17th birthday. */
export const SDQ_AGE_LIMIT = 17;

/** Whether an SDQ can be completed for a child on that day (aged 4 to 16). */
export const sdqAgeApplies = (dateOfBirth: LocalDate, on: LocalDate) =>
  compareDates(on, birthday(dateOfBirth, SDQ_MIN_AGE)) >= 0 && compareDates(on, birthday(dateOfBirth, SDQ_AGE_LIMIT)) < 0;

export function sdqProblem(score: number, completedOn: LocalDate, dateOfBirth: LocalDate, today: LocalDate): Problem {
  if (!Number.isInteger(score) || score < 0 || score > 40) return ["input.score", "SDQ_SCORE_RANGE", "the SDQ total difficulties score is a whole number from 0 to 40"];
  if (compareDates(completedOn, today) > 0) return ["input.completedOn", "NOT_IN_FUTURE", "record an SDQ once it has been completed"];
  if (!sdqAgeApplies(dateOfBirth, completedOn)) {
    return [
      "input.completedOn",
      "SDQ_AGE_4_TO_16",
      `the SDQ is for children aged 4 to 16: this child is 4 on ${formatDate(birthday(dateOfBirth, SDQ_MIN_AGE))} and 17 on ${formatDate(birthday(dateOfBirth, SDQ_AGE_LIMIT))}`,
    ];
  }
  return null;
}

/** The next SDQ: 12 months after the last, unless the child is 17 by then (no more are due). */
export function nextSdqDue(dateOfBirth: LocalDate, completedOn: LocalDate): DueDate | null {
  const due = monthsAfterExplained(completedOn, 12, "the last SDQ");
  return sdqAgeApplies(dateOfBirth, due.date) ? due : null;
}

/**
 * The first SDQ of a period of care — CareGraph's reading of "an SDQ each year" (not a verified
 * statutory timescale): due 12 months after the child became looked after, so one is in hand
 * before the first DfE return that counts the child (looked after 12 months at 31 March); for a
 * child under 4 then, no earlier than the 4th birthday; none when the child will be 17 by then.
 */
export function firstSdqDue(dateOfBirth: LocalDate, lookedAfterSince: LocalDate): DueDate | null {
  const year = monthsAfterExplained(lookedAfterSince, 12, "becoming looked after");
  const fourth = birthday(dateOfBirth, SDQ_MIN_AGE);
  const due = compareDates(year.date, fourth) >= 0 ? year : { date: fourth, workings: `the 4th birthday on ${formatDate(fourth)} (SDQs are for children aged 4 to 16)` };
  return sdqAgeApplies(dateOfBirth, due.date) ? due : null;
}
