import { DueDate, explain, LocalDate, monthsAfterExplained, workingDaysAfterExplained } from "@caregraph/platform/calendar";

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
