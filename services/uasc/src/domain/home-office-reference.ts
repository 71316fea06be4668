import type { Problem } from "./problems";

/**
 * The Home Office reference on a child's decision letters: one letter and seven digits, e.g.
 * B1234567 (the form Home Office letters use, as described by practitioners; the Home Office's
 * own specification was not read here — change HOME_OFFICE_REFERENCE if it differs).
 *
 * It identifies the child to the Home Office: personal data. It is shown to readers of the uasc
 * domain and kept in this service's tables only — never in an event, a chronology entry or an
 * audit entry's details.
 */
export const HOME_OFFICE_REFERENCE = /^[A-Z]\d{7}$/;

/** As written on letters: upper case, no spaces ("b 123 4567" → "B1234567"). */
export const normaliseHomeOfficeReference = (raw: string): string => raw.replace(/\s+/g, "").toUpperCase();

export const homeOfficeReferenceProblem = (raw: string): Problem =>
  HOME_OFFICE_REFERENCE.test(normaliseHomeOfficeReference(raw))
    ? null
    : ["input.homeOfficeReference", "HOME_OFFICE_REFERENCE_FORMAT", "a Home Office reference is one letter and 7 digits, e.g. B1234567"];
