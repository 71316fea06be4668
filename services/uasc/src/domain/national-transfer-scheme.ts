import type { LocalDate } from "@caregraph/platform/calendar";
import { firstProblem, notBefore, pastDate, Problem } from "./problems";

/**
 * The National Transfer Scheme: an unaccompanied child's care moves from the authority where
 * they arrived to another (Immigration Act 2016 ss.69–73; the Home Office / DfE National Transfer
 * Scheme Protocol — its timescales were not read here and none is encoded). The receiving
 * authority is named by its ONS code, as the DfE return names authorities: a county (E10), a
 * metropolitan district (E08), a London borough (E09) or a unitary authority (E06) — the upper-tier
 * authorities with children's services.
 */
export const RECEIVING_AUTHORITY = /^E(06|08|09|10)\d{6}$/;

export interface TransferInput {
  referredOn: LocalDate;
  transferredOn?: LocalDate | null;
  receivingAuthority?: string | null;
}

export function transferProblem(t: TransferInput, transferringAuthority: string, dateOfBirth: LocalDate, today: LocalDate): Problem {
  const authority = t.receivingAuthority?.trim().toUpperCase() || null;
  return firstProblem(
    () => pastDate("input.referredOn", t.referredOn, dateOfBirth, today),
    () => pastDate("input.transferredOn", t.transferredOn, dateOfBirth, today),
    () => notBefore("input.transferredOn", t.transferredOn, t.referredOn, "the referral", "NOT_BEFORE_REFERRAL"),
    () =>
      authority && !RECEIVING_AUTHORITY.test(authority)
        ? ["input.receivingAuthority", "ONS_AUTHORITY_CODE", "name the receiving local authority by its ONS code, e.g. E08000025 (E06, E08, E09 or E10 and 6 digits)"]
        : null,
    () =>
      authority === transferringAuthority
        ? ["input.receivingAuthority", "ANOTHER_AUTHORITY", "a transfer is to another local authority, not this one"]
        : null,
    () =>
      t.transferredOn && !authority
        ? ["input.receivingAuthority", "RECEIVING_AUTHORITY_REQUIRED", "a transfer that has happened names the authority that received the child"]
        : null,
  );
}
