import { addDays, addMonths, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { isPartner, PARTNER_NAMES } from "@caregraph/platform";

/**
 * Information-sharing agreements with partner agencies (issue 11). The law sets no fixed length
 * for such an agreement; the ICO's data sharing code of practice (2021) asks that sharing be
 * reviewed regularly, so CareGraph's rule is at most 12 months per agreement (renewed by recording
 * a new one). One agreement per partner at a time: periods for the same partner may not overlap.
 */
export const MAX_AGREEMENT_MONTHS = 12;

export interface AgreementPeriod {
  startDate: LocalDate;
  endDate: LocalDate;
  revoked: boolean;
}

export type AgreementStatus = "NOT_STARTED" | "ACTIVE" | "ENDED" | "REVOKED";

/**
 * The last day an agreement starting on `startDate` may run to: the day before its first
 * anniversary (1 Jan 2027 → 31 Dec 2027). An agreement from 29 February has its anniversary on
 * 1 March in a common year, so it may run to 28 February.
 */
export function latestEndDate(startDate: LocalDate): LocalDate {
  const leapDay = startDate.endsWith("-02-29");
  const anniversary = leapDay ? addDays(addMonths(startDate, MAX_AGREEMENT_MONTHS), 1) : addMonths(startDate, MAX_AGREEMENT_MONTHS);
  return addDays(anniversary, -1);
}

export interface NewAgreement {
  partner: string;
  startDate: LocalDate;
  endDate: LocalDate;
  purpose: string;
}

/** Checks a new agreement against the rules and the partner's other agreements for the child; returns it tidied. */
export function checkAgreement(input: NewAgreement, dateOfBirth: LocalDate, today: LocalDate, existing: AgreementPeriod[]): NewAgreement {
  const partner = input.partner.trim();
  if (!isPartner(partner)) invalidInput("input.partner", "PARTNER_UNKNOWN", `is not a partner agency CareGraph knows; partners are: ${PARTNER_NAMES.join(", ")}`);
  const purpose = input.purpose.trim();
  if (!purpose) invalidInput("input.purpose", "REQUIRED", "say why the record is shared");
  if (purpose.length > 500) invalidInput("input.purpose", "MAX_LENGTH", "at most 500 characters");
  const { startDate, endDate } = input;
  if (compareDates(startDate, dateOfBirth) < 0) invalidInput("input.startDate", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`);
  if (compareDates(endDate, startDate) < 0) invalidInput("input.endDate", "NOT_BEFORE_START", `cannot be before the start date (${startDate})`);
  if (compareDates(endDate, today) < 0) invalidInput("input.endDate", "NOT_IN_PAST", `has passed (today is ${today}): an agreement that has ended shares nothing`);
  const latest = latestEndDate(startDate);
  if (compareDates(endDate, latest) > 0) {
    invalidInput("input.endDate", "MAX_12_MONTHS", `an agreement runs at most 12 months: from ${startDate} the latest end date is ${latest}; record a new agreement to renew it`);
  }
  const clash = existing.find((a) => !a.revoked && compareDates(a.startDate, endDate) <= 0 && compareDates(startDate, a.endDate) <= 0);
  if (clash) {
    invalidInput("input.startDate", "AGREEMENT_OVERLAP", `this partner already has an agreement for the child from ${clash.startDate} to ${clash.endDate}; one at a time (revoke it first, or start after it ends)`);
  }
  return { partner, startDate, endDate, purpose };
}

/** Where an agreement stands on a day. */
export function agreementStatus(a: AgreementPeriod, on: LocalDate): AgreementStatus {
  if (a.revoked) return "REVOKED";
  if (compareDates(on, a.startDate) < 0) return "NOT_STARTED";
  return compareDates(on, a.endDate) > 0 ? "ENDED" : "ACTIVE";
}

/** A revocation: the agreement must still be in force or yet to start, and the reason given. */
export function checkRevocation(a: AgreementPeriod, reason: string, today: LocalDate): string {
  const why = reason.trim();
  if (!why) invalidInput("input.reason", "REQUIRED", "say why sharing stops");
  if (why.length > 1000) invalidInput("input.reason", "MAX_LENGTH", "at most 1000 characters");
  const status = agreementStatus(a, today);
  if (status === "REVOKED") invalidInput("input.id", "ALREADY_REVOKED", "this agreement has already been revoked");
  if (status === "ENDED") invalidInput("input.id", "AGREEMENT_ENDED", `this agreement ended on ${a.endDate}; there is nothing to revoke`);
  return why;
}
