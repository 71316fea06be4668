import { compareDates, DueDate, explain, LocalDate, workingDaysAfterExplained } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * CPPCR 2010 reg 9(1)–(2): the placement plan is prepared before the child is placed or, where
 * that is not reasonably practicable, within 5 working days of the start of the placement.
 */
export const PLACEMENT_PLAN_AUTHORITY = "Care Planning, Placement and Case Review (England) Regulations 2010 reg 9";

export function placementPlanDue(startDate: LocalDate): DueDate {
  return workingDaysAfterExplained(startDate, 5, "the placement started");
}

export const placementPlanExplanation = (startDate: LocalDate) => explain("Placement plan", placementPlanDue(startDate));

/** A plan is prepared on a day that has happened (it may be before the placement: reg 9(1)). */
export function checkPlacementPlan(preparedOn: LocalDate, today: LocalDate): void {
  if (compareDates(preparedOn, today) > 0) {
    invalidInput("input.preparedOn", "NOT_IN_FUTURE", `cannot be after today (${today})`);
  }
}
