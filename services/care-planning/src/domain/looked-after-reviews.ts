import { ageOn, compareDates, DueDate, explain, formatDate, LocalDate, monthsAfterExplained, workingDaysAfterExplained } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * When a looked-after child's reviews fall due (CPPCR 2010 reg 33). Pure rules: no I/O.
 * Reviews are numbered within a period of care: a child who leaves care and comes back starts again at 1.
 */

/** CPPCR 2010 reg 33(1): the first review within 20 working days of the date the child becomes looked after. */
export function firstReviewDue(lookedAfterSince: LocalDate): DueDate {
  return workingDaysAfterExplained(lookedAfterSince, 20, "becoming looked after");
}

/**
 * CPPCR 2010 reg 33(2): the second review not more than 3 months after the first; each later one
 * not more than 6 months after the previous. Counted from the day the previous review was actually
 * held, so a review held early brings the next one forward.
 */
export function nextReviewDue(heldSequence: number, heldOn: LocalDate): DueDate {
  return heldSequence === 1
    ? monthsAfterExplained(heldOn, 3, "review 1")
    : monthsAfterExplained(heldOn, 6, `review ${heldSequence}`);
}

/** The due date of review `sequence`, given how its clock started. */
export function reviewDue(sequence: number, scheduledFrom: LocalDate): DueDate {
  return sequence === 1 ? firstReviewDue(scheduledFrom) : nextReviewDue(sequence - 1, scheduledFrom);
}

export const reviewLabel = (sequence: number) => `Looked-after review ${sequence}`;

/** The sentence the work tray shows, re-run from the rule that set the date. */
export function reviewExplanation(sequence: number, scheduledFrom: LocalDate): string {
  return explain(reviewLabel(sequence), reviewDue(sequence, scheduledFrom));
}

export function reviewAuthority(sequence: number): string {
  return sequence === 1
    ? "CPPCR 2010 reg 33(1): first review within 20 working days of becoming looked after"
    : sequence === 2
      ? "CPPCR 2010 reg 33(2): second review within 3 months of the first"
      : "CPPCR 2010 reg 33(2): later reviews within 6 months of the previous one";
}

/** DfE SSDA903 REVIEW_CODE: how the child took part in the review, in the DfE's words. */
export const PARTICIPATION = {
  PN0: "Child aged under 4 at the time of the review",
  PN1: "Child physically attends and speaks for him or herself",
  PN2: "Child physically attends and an advocate speaks on his or her behalf",
  PN3: "Child physically attends and conveys his or her view symbolically (non-verbally)",
  PN4: "Child physically attends but does not speak for him or herself, does not convey his or her view symbolically (non-verbally) and does not ask an advocate to speak for him or her",
  PN5: "Child does not attend physically but briefs an advocate to speak for him or her",
  PN6: "Child does not attend but conveys his or her feelings to the review by a facilitative medium",
  PN7: "Child does not attend nor are his or her views conveyed to the review",
} as const;
export type Participation = keyof typeof PARTICIPATION;

/**
 * What a review being recorded as held must satisfy, before anything is written: held during the
 * period of care, not in the future, after the previous review of the period, and PN0 only for a
 * child under 4 on the day (DfE SSDA903 REVIEW_CODE).
 */
export function checkReviewHeld(r: {
  heldOn: LocalDate;
  today: LocalDate;
  lookedAfterSince: LocalDate | null;
  dateOfBirth: LocalDate;
  participation?: string | null;
}): asserts r is { heldOn: LocalDate; today: LocalDate; lookedAfterSince: LocalDate; dateOfBirth: LocalDate } {
  if (!r.lookedAfterSince) invalidInput("input.childId", "NOT_LOOKED_AFTER", "this child is not looked after, so no looked-after review is due");
  if (compareDates(r.heldOn, r.today) > 0) invalidInput("input.heldOn", "NOT_IN_FUTURE", "a review cannot be recorded as held on a future date");
  if (compareDates(r.heldOn, r.lookedAfterSince) < 0) {
    invalidInput("input.heldOn", "REVIEW_BEFORE_LOOKED_AFTER", `the child became looked after on ${formatDate(r.lookedAfterSince)}; a review cannot be held before that`);
  }
  if (r.participation === "PN0" && ageOn(r.dateOfBirth, r.heldOn) >= 4) {
    invalidInput("input.participation", "PN0_UNDER_4_ONLY", "PN0 is only for a child aged under 4 at the time of the review");
  }
}

/** Reviews of one period of care are held in order: each after the previous one. */
export function checkAfterPreviousReview(heldOn: LocalDate, previous: { sequence: number; heldOn: LocalDate } | null): void {
  if (previous && compareDates(heldOn, previous.heldOn) <= 0) {
    invalidInput("input.heldOn", "REVIEW_AFTER_PREVIOUS", `review ${previous.sequence} was held on ${formatDate(previous.heldOn)}; this one must be later`);
  }
}
