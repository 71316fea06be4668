import { compareDates, DueDate, LocalDate, workingDaysAfterExplained } from "@caregraph/platform/calendar";
import type { Problem } from "./ages";

/**
 * A looked-after child registered with a GP, a dentist and an optician. The duty to see the child
 * registered comes with the health plan (CPPCR 2010 reg 7 and the 2015 statutory guidance, not read
 * here); no timescale was found, so CareGraph's rule is the initial health assessment's clock: a
 * task 20 working days after becoming looked after for each kind the child is not registered for.
 * One function to change when the local authority's own timescale is known.
 */
export const AUTHORITY = "CPPCR 2010 reg 7 (health plan); CareGraph rule: registered within 20 working days of becoming looked after (timescale not verified)";

export type RegistrationKind = "GP" | "DENTIST" | "OPTICIAN";
export const REGISTRATION_KINDS: readonly RegistrationKind[] = ["GP", "DENTIST", "OPTICIAN"];

export function registrationDue(lookedAfterSince: LocalDate): DueDate {
  return workingDaysAfterExplained(lookedAfterSince, 20, "becoming looked after");
}

/** Which kinds the child has no current registration for on `on`. */
export function unregistered(registrations: readonly { kind: RegistrationKind; registeredOn: LocalDate; endedOn: LocalDate | null }[], on: LocalDate): RegistrationKind[] {
  const current = (r: (typeof registrations)[number]) => compareDates(r.registeredOn, on) <= 0 && (r.endedOn === null || compareDates(r.endedOn, on) > 0);
  return REGISTRATION_KINDS.filter((k) => !registrations.some((r) => r.kind === k && current(r)));
}

export function registrationProblem(practice: string, registeredOn: LocalDate, dateOfBirth: LocalDate, today: LocalDate): Problem {
  if (!practice.trim()) return ["input.practice", "REQUIRED", "name the practice the child is registered with"];
  if (compareDates(registeredOn, today) > 0) return ["input.registeredOn", "NOT_IN_FUTURE", "record a registration once it is made"];
  if (compareDates(registeredOn, dateOfBirth) < 0) return ["input.registeredOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`];
  return null;
}
