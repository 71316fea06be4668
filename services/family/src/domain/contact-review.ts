import { DueDate, explain, LocalDate } from "@caregraph/platform/calendar";
import { FamilyRelationship, relationshipWords } from "./relationships";

export const CONTACT_REVIEW_TASK = "ContactArrangementReview";

/**
 * Every looked-after review considers the arrangements for contact and whether they need to change
 * (CPPCR 2010 Sch 7 para 4, the considerations at each review of the child's case; the review's
 * timing is reg 33). The IRO checks it (IRO Handbook 2010). Read here: the Schedule's heading and
 * para 4's opening words; reg 35 as the regulation applying Sch 7 is from memory, not verified.
 * Reg 8 (refusing or departing from s.34 contact) is a different duty and sets no timescale.
 */
export const CONTACT_REVIEW_AUTHORITY =
  "CPPCR 2010 Sch 7 para 4 (reg 35): the arrangements for contact are considered at every looked-after review (reg 33); IRO Handbook 2010";

export interface ReviewDue {
  dueDate: LocalDate;
  /** Care-planning's own explanation of the review's due date. */
  explanation: string;
}

/** A contact arrangement is reviewed at the looked-after review: due when that review is. */
export function contactReviewDue(review: ReviewDue): DueDate {
  return { date: review.dueDate, workings: `at the looked-after review due that day (${review.explanation})` };
}

/** The work tray's sentence, naming whose contact is reviewed (the relationship, never the name). */
export function contactReviewExplanation(relationship: FamilyRelationship, review: ReviewDue): string {
  return explain(`Review of contact with the ${relationshipWords(relationship)}`, contactReviewDue(review));
}
