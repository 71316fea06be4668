import { DueDate, LocalDate, monthsAfterExplained } from "@caregraph/platform/calendar";

/**
 * Sight tests: the next 12 months after the last. Not a statutory timescale — NHS sight tests for
 * children are usually recalled yearly (the optometrist may say otherwise); CareGraph's rule, one
 * function to change (unverified here).
 */
export const AUTHORITY = "CareGraph rule: a sight test each year (NHS recall for children, not statutory; unverified)";

export function nextOpticianCheckDue(lastCheckedOn: LocalDate): DueDate {
  return monthsAfterExplained(lastCheckedOn, 12, "the last sight test");
}
