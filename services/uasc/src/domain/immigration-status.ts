import { compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { firstProblem, pastDate, Problem } from "./problems";

/**
 * An unaccompanied child's immigration status, as the Home Office decided it (or the stage the
 * claim has reached). The grants of leave and their usual lengths are from the Immigration Rules
 * Part 11 and Home Office asylum policy guidance as recalled; the lengths are NOT verified here and
 * are not encoded (the decision letter gives the expiry, which is what the record keeps).
 */
export type ImmigrationStatus =
  | "ASYLUM_CLAIMED"
  | "ASYLUM_REFUSED"
  | "REFUGEE_STATUS"
  | "HUMANITARIAN_PROTECTION"
  | "UASC_LEAVE"
  | "DISCRETIONARY_LEAVE"
  | "LIMITED_LEAVE_TO_REMAIN"
  | "INDEFINITE_LEAVE_TO_REMAIN"
  | "APPEAL_PENDING"
  | "APPEAL_RIGHTS_EXHAUSTED"
  | "BRITISH_CITIZEN";

/**
 * What kind of leave a status carries, which decides whether it has an expiry date:
 * - TIME_LIMITED: a grant of limited leave (refugee status and humanitarian protection are usually
 *   5 years, discretionary and UASC leave shorter): the expiry is required — it is what the
 *   renewal task counts back from;
 * - PERMANENT: indefinite leave to remain, British citizenship: no expiry, ever;
 * - NONE: a claim, a refusal or an appeal grants no leave of its own: no expiry on this record
 *   (leave extended by Immigration Act 1971 s.3C while an in-time application or appeal is pending
 *   has no fixed end date).
 */
export type LeaveKind = "TIME_LIMITED" | "PERMANENT" | "NONE";

export const LEAVE_KIND: Record<ImmigrationStatus, LeaveKind> = {
  ASYLUM_CLAIMED: "NONE",
  ASYLUM_REFUSED: "NONE",
  REFUGEE_STATUS: "TIME_LIMITED",
  HUMANITARIAN_PROTECTION: "TIME_LIMITED",
  UASC_LEAVE: "TIME_LIMITED",
  DISCRETIONARY_LEAVE: "TIME_LIMITED",
  LIMITED_LEAVE_TO_REMAIN: "TIME_LIMITED",
  INDEFINITE_LEAVE_TO_REMAIN: "PERMANENT",
  APPEAL_PENDING: "NONE",
  APPEAL_RIGHTS_EXHAUSTED: "NONE",
  BRITISH_CITIZEN: "PERMANENT",
};

/** Plain words for a status, as the chronology and messages show it. */
export const STATUS_WORDS: Record<ImmigrationStatus, string> = {
  ASYLUM_CLAIMED: "asylum claimed",
  ASYLUM_REFUSED: "asylum claim refused",
  REFUGEE_STATUS: "refugee status granted",
  HUMANITARIAN_PROTECTION: "humanitarian protection granted",
  UASC_LEAVE: "UASC leave granted",
  DISCRETIONARY_LEAVE: "discretionary leave granted",
  LIMITED_LEAVE_TO_REMAIN: "limited leave to remain granted",
  INDEFINITE_LEAVE_TO_REMAIN: "indefinite leave to remain granted",
  APPEAL_PENDING: "appeal pending",
  APPEAL_RIGHTS_EXHAUSTED: "appeal rights exhausted",
  BRITISH_CITIZEN: "British citizenship",
};

export interface StatusInput {
  status: ImmigrationStatus;
  /** The day of the decision (for a claim or an appeal: the day it was made); null = as of today. */
  decidedOn: LocalDate | null;
  leaveExpiresOn: LocalDate | null;
}

/** The day a status takes effect: its decision date, or the day it was recorded when none is given. */
export const effectiveOn = (s: Pick<StatusInput, "decidedOn">, today: LocalDate): LocalDate => s.decidedOn ?? today;

/**
 * What is wrong with a status to record, or null. The decision date is a past date in the child's
 * life; leave expires after the decision that granted it (leave expiring on the day it is granted
 * is no leave); time-limited leave needs its expiry; permanent status and claims have none.
 */
export function statusProblem(s: StatusInput, dateOfBirth: LocalDate, today: LocalDate): Problem {
  const kind = LEAVE_KIND[s.status];
  const from = effectiveOn(s, today);
  return firstProblem(
    () => pastDate("input.decidedOn", s.decidedOn, dateOfBirth, today),
    () =>
      kind === "TIME_LIMITED" && !s.leaveExpiresOn
        ? ["input.leaveExpiresOn", "LEAVE_EXPIRY_REQUIRED", `${s.status} is time-limited leave: give the date it expires (on the decision letter or eVisa)`]
        : null,
    () =>
      kind === "PERMANENT" && s.leaveExpiresOn
        ? ["input.leaveExpiresOn", "NO_EXPIRY_FOR_PERMANENT_STATUS", `${s.status} does not expire: leave the expiry out`]
        : null,
    () =>
      kind === "NONE" && s.leaveExpiresOn
        ? ["input.leaveExpiresOn", "NO_LEAVE_GRANTED", `${s.status} grants no leave of its own, so it has no expiry: record the leave on the status that granted it`]
        : null,
    () =>
      s.leaveExpiresOn && compareDates(s.leaveExpiresOn, from) <= 0
        ? [
            "input.leaveExpiresOn",
            "EXPIRES_AFTER_DECISION",
            `leave must expire after the decision that granted it (${s.decidedOn ? "decided" : "recorded"} on ${formatDate(from)})`,
          ]
        : null,
  );
}

/** The chronology's one line for a status: words, and the leave's expiry when it has one. No reference numbers. */
export function statusSummary(s: Pick<StatusInput, "status" | "leaveExpiresOn">): string {
  const words = STATUS_WORDS[s.status];
  const line = words.charAt(0).toUpperCase() + words.slice(1);
  return s.leaveExpiresOn ? `${line}, leave until ${formatDate(s.leaveExpiresOn)}` : line;
}
