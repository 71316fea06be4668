import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

export interface CurrentAllocation {
  workerId: string;
  from: LocalDate;
}

/**
 * One current allocation per role; a new one ends the current one ON THE SAME DAY it starts
 * (`to` = the new `from`), as SSDA903 social worker episodes chain (SW_DEC of one = SW_DECOM of
 * the next) and as legal statuses do here. So a handover day belongs to both workers, and a
 * same-day correction (new `from` = current `from`) is possible.
 */
export function checkAllocation(current: CurrentAllocation | null, workerId: string, from: LocalDate, dateOfBirth: LocalDate, today: LocalDate): void {
  if (compareDates(from, today) > 0) invalidInput("input.from", "NOT_IN_FUTURE", `cannot be in the future (today is ${today})`);
  if (compareDates(from, dateOfBirth) < 0) invalidInput("input.from", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`);
  if (!current) return;
  if (current.workerId === workerId) invalidInput("input.workerId", "ALREADY_ALLOCATED", `this worker already holds this role for the child (since ${current.from})`);
  if (compareDates(from, current.from) < 0) {
    invalidInput("input.from", "NOT_BEFORE_CURRENT_ALLOCATION", `must be on or after ${current.from}, when the current allocation of this role began`);
  }
}
