import { addMonths, ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput, TEXT_LIMITS } from "@caregraph/platform/graphql";
import type { RegisterChildInput } from "../generated/graphql";
import { UPN } from "./codes";
import { checkNhsNumber } from "./nhs-number";

const NAME_MAX = TEXT_LIMITS.NAME_MAX;

/** Checks a registration and returns it tidied (trimmed names, upper-case UPN, NHS number as its 10 digits). */
export function validateRegistration(input: RegisterChildInput, today: LocalDate): RegisterChildInput {
  const firstName = requiredName("input.firstName", input.firstName);
  const lastName = requiredName("input.lastName", input.lastName);
  if (compareDates(input.dateOfBirth, today) > 0) {
    invalidInput("input.dateOfBirth", "NOT_IN_FUTURE", "date of birth cannot be in the future");
  }
  if (compareDates(addMonths(input.dateOfBirth, 12 * 25), today) < 0) {
    invalidInput("input.dateOfBirth", "PLAUSIBLE_AGE", "date of birth is more than 25 years ago; check it");
  }
  const upn = input.upn?.trim().toUpperCase() || null;
  if (upn && !UPN.test(upn)) {
    invalidInput("input.upn", "UPN_FORMAT", "a UPN is a letter (not I, O or S) and 12 digits, or 11 digits and a letter; or UN1–UN5");
  }
  const nhsNumber = checkNhsNumber("input.nhsNumber", input.nhsNumber);
  if (input.lookedAfterSince) checkLookedAfterDate("input.lookedAfterSince", input.dateOfBirth, input.lookedAfterSince, today);
  if (input.legalStatus && !input.lookedAfterSince) {
    invalidInput("input.lookedAfterSince", "REQUIRED_WITH_LEGAL_STATUS", "give the date the child became looked after when recording a legal status");
  }
  // A looked-after child is looked after under a legal status (DfE LS, rule 144): no period of care without one.
  if (input.lookedAfterSince && !input.legalStatus) {
    invalidInput("input.legalStatus", "LEGAL_STATUS_REQUIRED", "give the legal status the child is looked after under from lookedAfterSince");
  }
  return { ...input, firstName, lastName, upn, nhsNumber };
}

/** A child becomes looked after on or after birth, before turning 18, and not in the future. */
export function checkLookedAfterDate(field: string, dateOfBirth: LocalDate, date: LocalDate, today: LocalDate): void {
  if (compareDates(date, dateOfBirth) < 0) invalidInput(field, "NOT_BEFORE_BIRTH", "cannot be before the child's date of birth");
  if (compareDates(date, today) > 0) invalidInput(field, "NOT_IN_FUTURE", "cannot be in the future");
  if (ageOn(dateOfBirth, date) >= 18) invalidInput(field, "UNDER_18", "a child can only become looked after before their 18th birthday");
}

/**
 * A name is trimmed, at most NAME_MAX characters, has at least one letter, and no control
 * characters (tabs, newlines, escapes). Invisible format characters (zero-width space, joiners,
 * direction marks) may sit inside a real name — some scripts need the joiners — but a name made
 * only of them, or of spaces, is blank.
 */
export function requiredName(field: string, value: string): string {
  const trimmed = value.replace(/^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu, "");
  if (!trimmed) invalidInput(field, "REQUIRED", "cannot be blank (spaces and invisible characters do not count)");
  if (/\p{Cc}/u.test(trimmed)) invalidInput(field, "NO_CONTROL_CHARACTERS", "cannot contain control characters (tabs, line breaks, escapes)");
  if (!/\p{L}/u.test(trimmed)) invalidInput(field, "HAS_LETTER", "must contain at least one letter");
  if (trimmed.length > NAME_MAX) invalidInput(field, "MAX_LENGTH", `at most ${NAME_MAX} characters`);
  return trimmed;
}
