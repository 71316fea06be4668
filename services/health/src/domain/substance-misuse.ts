import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import type { Problem } from "./ages";

/**
 * Substance misuse identified during the year, and whether an intervention was offered and
 * received: the SSDA903 OC2 SUBSTANCE_MISUSE, INTERVENTION_OFFERED and INTERVENTION_RECEIVED flags
 * (0/1). An intervention received was offered (CareGraph's reading of the return; the DfE
 * validation rule linking the two was not checked here).
 */
export function substanceMisuseProblem(
  s: { identifiedOn: LocalDate; interventionOfferedOn?: LocalDate | null; interventionReceivedOn?: LocalDate | null },
  dateOfBirth: LocalDate,
  today: LocalDate,
): Problem {
  for (const [field, day] of [["input.identifiedOn", s.identifiedOn], ["input.interventionOfferedOn", s.interventionOfferedOn], ["input.interventionReceivedOn", s.interventionReceivedOn]] as const) {
    if (!day) continue;
    if (compareDates(day, today) > 0) return [field, "NOT_IN_FUTURE", "cannot be a future date"];
    if (compareDates(day, dateOfBirth) < 0) return [field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`];
  }
  if (s.interventionOfferedOn && compareDates(s.interventionOfferedOn, s.identifiedOn) < 0) {
    return ["input.interventionOfferedOn", "NOT_BEFORE_IDENTIFIED", "an intervention is offered once the misuse is identified"];
  }
  if (s.interventionReceivedOn && !s.interventionOfferedOn) return ["input.interventionReceivedOn", "RECEIVED_NOT_OFFERED", "an intervention received was offered: give the day it was offered"];
  if (s.interventionReceivedOn && s.interventionOfferedOn && compareDates(s.interventionReceivedOn, s.interventionOfferedOn) < 0) {
    return ["input.interventionReceivedOn", "NOT_BEFORE_OFFERED", "cannot be before the intervention was offered"];
  }
  return null;
}
