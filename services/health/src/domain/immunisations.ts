import { addDays, addMonths, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { Age, ROUTINE_SCHEDULE, ScheduledDose, vaccineNamed, VaccineName } from "./immunisation-schedule";
import { birthday, Problem } from "./ages";

/**
 * The day a child reaches an age of the schedule: weeks counted in days; whole years on the
 * birthday (1 March for a 29 February child in a common year); other months clamped to the month's end.
 */
export const reaches = (dateOfBirth: LocalDate, age: Age): LocalDate =>
  "weeks" in age ? addDays(dateOfBirth, age.weeks * 7) : age.months % 12 === 0 ? birthday(dateOfBirth, age.months / 12) : addMonths(dateOfBirth, age.months);

const inCohort = (d: ScheduledDose, dateOfBirth: LocalDate) =>
  (!d.bornFrom || compareDates(dateOfBirth, d.bornFrom) >= 0) && (!d.bornBefore || compareDates(dateOfBirth, d.bornBefore) < 0);

export interface OutstandingDose {
  vaccine: VaccineName;
  dose: number;
  /** The day it was due: the child reached the schedule's age for it. */
  dueOn: LocalDate;
}

/**
 * The routine doses a child should have had by `on` and has not: for each dose of the schedule
 * that applies to the child's birth cohort and falls due on or before `on` (and can still be
 * given), the child needs at least that many recorded doses of that vaccine given on or before
 * `on`. Vaccines outside the routine schedule (travel, catch-up brands not listed) count for nothing.
 */
export function outstandingDoses(dateOfBirth: LocalDate, given: readonly { vaccine: string; givenOn: LocalDate }[], on: LocalDate): OutstandingDose[] {
  const counts = new Map<VaccineName, number>();
  for (const g of given) {
    const name = vaccineNamed(g.vaccine);
    if (name && compareDates(g.givenOn, on) <= 0) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return ROUTINE_SCHEDULE.filter((d) => inCohort(d, dateOfBirth))
    .map((d) => ({ d, dueOn: reaches(dateOfBirth, d.by) }))
    .filter(({ d, dueOn }) => compareDates(dueOn, on) <= 0 && !(d.notAfter && compareDates(on, reaches(dateOfBirth, d.notAfter)) > 0))
    .filter(({ d }) => (counts.get(d.vaccine) ?? 0) < d.dose)
    .map(({ d, dueOn }) => ({ vaccine: d.vaccine, dose: d.dose, dueOn }));
}

/** Up to date with the routine schedule for the child's age (the SSDA903 OC2 IMMUNISATIONS flag). */
export const immunisationsUpToDate = (dateOfBirth: LocalDate, given: readonly { vaccine: string; givenOn: LocalDate }[], on: LocalDate): boolean =>
  outstandingDoses(dateOfBirth, given, on).length === 0;

/** A vaccine given: named, and on a day between birth and today. */
export function immunisationProblem(vaccine: string, givenOn: LocalDate, dateOfBirth: LocalDate, today: LocalDate): Problem {
  if (!vaccine.trim()) return ["input.vaccine", "REQUIRED", "name the vaccine given (e.g. MMR, 6-in-1, MenB)"];
  if (compareDates(givenOn, today) > 0) return ["input.givenOn", "NOT_IN_FUTURE", "record an immunisation once it has been given"];
  if (compareDates(givenOn, dateOfBirth) < 0) return ["input.givenOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`];
  return null;
}
