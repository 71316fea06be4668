import { ageOn, DueDate, LocalDate, monthsAfterExplained } from "@caregraph/platform/calendar";

/**
 * Dental checks of a looked-after child: the next is due 12 months after the last; a local
 * authority may choose 6 months for children under 5 (age on the day of the check). The SSDA903
 * return asks whether the child's teeth were checked by a dentist in the year (OC2 TEETH_CHECK);
 * the 2015 statutory guidance "Promoting the health and well-being of looked-after children" was
 * not read here, so the intervals are CareGraph's reading of the issue, one function to change.
 */
export const AUTHORITY = "SSDA903 OC2 TEETH_CHECK (a dental check each year); 2015 statutory guidance, Promoting the health and well-being of looked-after children";

/**
 * The local authorities that chose 6-monthly dental checks for under-5s. The ONE place a tenant's
 * choice is made (an example setting for the synthetic tenant E08000025; every other tenant: 12 months).
 */
const SIX_MONTHLY_UNDER_FIVES: ReadonlySet<string> = new Set(["E08000025"]);

/** How many months after a check the next falls due, for this tenant and a child of this age at the check. */
export function dentalCheckIntervalMonths(tenant: string, ageAtCheck: number): 6 | 12 {
  return ageAtCheck < 5 && SIX_MONTHLY_UNDER_FIVES.has(tenant) ? 6 : 12;
}

export function nextDentalCheckDue(tenant: string, dateOfBirth: LocalDate, lastCheckedOn: LocalDate): DueDate {
  const age = ageOn(dateOfBirth, lastCheckedOn);
  const months = dentalCheckIntervalMonths(tenant, age);
  const due = monthsAfterExplained(lastCheckedOn, months, "the last dental check");
  return months === 6 ? { ...due, workings: `${due.workings} (under 5 at that check: this local authority checks under-5s every 6 months)` } : due;
}
