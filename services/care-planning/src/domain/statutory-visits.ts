import { addMonths, compareDates, daysAfterExplained, DueDate, explain, formatDate, LocalDate, monthsAfterExplained } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * When a social worker must visit a looked-after child (CPPCR 2010 reg 28(2)). Pure rules: no I/O.
 * The clock restarts with every placement; each next visit counts from the visit actually made.
 */

export interface VisitPlacement {
  startDate: LocalDate;
  intendedToLastUntil18: boolean;
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
