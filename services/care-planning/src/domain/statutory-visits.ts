import { addMonths, compareDates, daysAfterExplained, DueDate, explain, formatDate, LocalDate, monthsAfterExplained } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * When a social worker must visit a looked-after child (CPPCR 2010 reg 28(2), and reg 28(4) for a
 * connected person approved temporarily). Pure rules: no I/O. Short breaks (reg 48) have no visit
 * clock here: reg 48(3) disapplies reg 28(2) and visits are as agreed with the IRO and parents.
 * The clock restarts with every placement; each next visit counts from the visit actually made.
 */

export interface VisitPlacement {
  startDate: LocalDate;
  intendedToLastUntil18: boolean;
  /** A connected person approved temporarily (CPPCR 2010 reg 24) until this day; null/absent: no such approval. */
  temporaryApprovalEndsOn?: LocalDate | null;
  /** The first looked-after review held on or after the placement's start (reg 28(4)'s "first review"). */
  firstReviewHeldOn?: LocalDate | null;
}

/**
 * CPPCR 2010 reg 28(4): a child placed with a connected person under a temporary approval (reg 24)
 * is visited at least once a week until the first review, then at intervals of not more than 4
 * weeks. Weeks are calendar weeks (7 days; bank holidays do not move them), as in reg 28(2).
 * An interval belongs to reg 28(4) when it starts before the approval ends; after that (full
 * approval as a foster carer) reg 28(2) applies again.
 * Uncertain (the statutory guidance was not read here): which review is "the first review". Here it
 * is the first looked-after review held on or after the placement's start, so a child already in
 * care who moves to a connected person is still visited weekly until the next review; reading it as
 * the child's first review ever would make such a placement 4-weekly at once. `firstReviewHeldOn`
 * is the one input to change for that.
 */
export function underTemporaryApproval(placement: VisitPlacement, from: LocalDate): boolean {
  return Boolean(placement.temporaryApprovalEndsOn) && compareDates(from, placement.temporaryApprovalEndsOn!) < 0;
}

/** After the first review (reg 28(4)(b)): the interval started on or after it. */
const afterFirstReview = (placement: VisitPlacement, from: LocalDate) =>
  Boolean(placement.firstReviewHeldOn) && compareDates(placement.firstReviewHeldOn!, from) <= 0;

/** CPPCR 2010 reg 28(4): the next visit under a connected person's temporary approval. */
export function nextTemporaryApprovalVisitDue(placement: VisitPlacement, lastVisit: LocalDate): DueDate {
  const endsOn = formatDate(placement.temporaryApprovalEndsOn!);
  if (afterFirstReview(placement, lastVisit)) {
    const due = daysAfterExplained(lastVisit, 28, "the last visit", "weeks");
    return { ...due, workings: `${due.workings} (connected person approved temporarily until ${endsOn}; first review held on ${formatDate(placement.firstReviewHeldOn!)})` };
  }
  const due = daysAfterExplained(lastVisit, 7, "the last visit", "weeks");
  return { ...due, workings: `${due.workings} (connected person approved temporarily until ${endsOn}: weekly until the first review)` };
}

export const VISIT_LABEL = "Statutory visit";

/** CPPCR 2010 reg 28(2)(a): within 1 week of the start of any placement. */
export function firstVisitDue(placementStart: LocalDate): DueDate {
  return daysAfterExplained(placementStart, 7, "the start of the placement", "weeks");
}

/** The placement's first anniversary: intervals starting before it are first-year intervals. */
export function firstAnniversary(placementStart: LocalDate): LocalDate {
  return addMonths(placementStart, 12);
}

/**
 * CPPCR 2010 reg 28(2)(b)–(c): after a visit, the next within 6 weeks while the placement is in its
 * first year (an interval starting before the first anniversary is a first-year interval); after
 * that, within 3 months if the placement is intended to last until the child is 18, otherwise 6 weeks.
 */
export function nextVisitDue(placement: VisitPlacement, lastVisit: LocalDate): DueDate {
  if (underTemporaryApproval(placement, lastVisit)) return nextTemporaryApprovalVisitDue(placement, lastVisit);
  const firstYear = compareDates(lastVisit, firstAnniversary(placement.startDate)) < 0;
  if (firstYear) {
    const due = daysAfterExplained(lastVisit, 42, "the last visit", "weeks");
    return { ...due, workings: `${due.workings} (first year of the placement that started on ${formatDate(placement.startDate)})` };
  }
  if (placement.intendedToLastUntil18) {
    const due = monthsAfterExplained(lastVisit, 3, "the last visit");
    return { ...due, workings: `${due.workings} (placement intended to last until 18, past its first year)` };
  }
  const due = daysAfterExplained(lastVisit, 42, "the last visit", "weeks");
  return { ...due, workings: `${due.workings} (placement past its first year, not intended to last until 18)` };
}

export type VisitReason = "PLACEMENT_START" | "PREVIOUS_VISIT";

/** The due date of a visit, given how its clock started. */
export function visitDue(placement: VisitPlacement, reason: VisitReason, scheduledFrom: LocalDate): DueDate {
  return reason === "PLACEMENT_START" ? firstVisitDue(scheduledFrom) : nextVisitDue(placement, scheduledFrom);
}

export const visitExplanation = (due: DueDate) => explain(VISIT_LABEL, due);

export function visitAuthority(placement: VisitPlacement, reason: VisitReason, scheduledFrom: LocalDate): string {
  if (underTemporaryApproval(placement, scheduledFrom)) {
    if (reason === "PREVIOUS_VISIT" && afterFirstReview(placement, scheduledFrom)) {
      return "CPPCR 2010 reg 28(4): intervals of not more than 4 weeks after the first review, connected person approved temporarily (reg 24)";
    }
    return "CPPCR 2010 reg 28(4): at least once a week until the first review, connected person approved temporarily (reg 24)";
  }
  if (reason === "PLACEMENT_START") return "CPPCR 2010 reg 28(2)(a): within 1 week of the start of the placement";
  if (compareDates(scheduledFrom, firstAnniversary(placement.startDate)) < 0) {
    return "CPPCR 2010 reg 28(2)(b): intervals of not more than 6 weeks in the first year of the placement";
  }
  return placement.intendedToLastUntil18
    ? "CPPCR 2010 reg 28(2)(c)(i): intervals of not more than 3 months, placement intended to last until 18"
    : "CPPCR 2010 reg 28(2)(c)(ii): intervals of not more than 6 weeks";
}

/**
 * A visit being recorded: not in the future, in the current placement (not before it started),
 * and after the last visit recorded there — a second visit the same day is a double entry.
 */
export function checkVisit(v: { visitedOn: LocalDate; today: LocalDate; placementStart: LocalDate; lastVisitedOn: LocalDate | null }): void {
  if (compareDates(v.visitedOn, v.today) > 0) invalidInput("input.visitedOn", "NOT_IN_FUTURE", "a visit cannot be recorded on a future date");
  if (compareDates(v.visitedOn, v.placementStart) < 0) {
    invalidInput("input.visitedOn", "VISIT_BEFORE_PLACEMENT_START", `the current placement started on ${formatDate(v.placementStart)}; a visit cannot be before that`);
  }
  if (v.lastVisitedOn && compareDates(v.visitedOn, v.lastVisitedOn) < 0) {
    invalidInput("input.visitedOn", "VISIT_BEFORE_PREVIOUS_VISIT", `a later visit was already recorded on ${formatDate(v.lastVisitedOn)}`);
  }
  if (v.lastVisitedOn && compareDates(v.visitedOn, v.lastVisitedOn) === 0) {
    invalidInput("input.visitedOn", "VISIT_ALREADY_RECORDED", `a visit on ${formatDate(v.visitedOn)} is already recorded in this placement`);
  }
}
