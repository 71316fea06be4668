import { compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * Contact between a looked-after child and their family (CA 1989 s.34 for a child in care: the
 * authority allows reasonable contact with parents and others with PR unless a court orders
 * otherwise; Sch 2 para 15: the authority promotes contact with family and friends). Pure rules.
 */
export type ContactKind = "FACE_TO_FACE" | "VIDEO_CALL" | "TELEPHONE" | "INDIRECT";
export type ContactPeriod = "WEEK" | "FORTNIGHT" | "MONTH" | "QUARTER" | "YEAR";
export type SupervisionLevel = "SUPERVISED" | "SUPPORTED" | "UNSUPERVISED";
export type ContactBasis = "COURT_ORDERED" | "AGREED";
export type ContactSessionOutcome = "TOOK_PLACE" | "CANCELLED" | "DID_NOT_ATTEND";
export type ContactParty = "FAMILY_MEMBER" | "CHILD" | "CARER" | "LOCAL_AUTHORITY" | "CONTACT_SERVICE" | "OTHER";

const PERIOD_WORDS: Record<ContactPeriod, string> = { WEEK: "week", FORTNIGHT: "fortnight", MONTH: "month", QUARTER: "quarter", YEAR: "year" };
const TIMES_WORDS = ["", "once", "twice"];

/** "Once a fortnight", "twice a week", "3 times a year". */
export function frequencyWords(times: number, period: ContactPeriod): string {
  const t = TIMES_WORDS[times] ?? `${times} times`;
  return `${t.charAt(0).toUpperCase()}${t.slice(1)} a ${PERIOD_WORDS[period]}`;
}

const KIND_WORDS: Record<ContactKind, string> = { FACE_TO_FACE: "face-to-face", VIDEO_CALL: "video call", TELEPHONE: "telephone", INDIRECT: "indirect (letters, cards)" };
export const kindWords = (k: ContactKind) => KIND_WORDS[k];
export const supervisionWords = (s: SupervisionLevel) => s.toLowerCase();
export const basisWords = (b: ContactBasis) => (b === "COURT_ORDERED" ? "court-ordered" : "agreed");

/** The most sessions a period can hold in a recorded frequency (a sanity bound: twice a day). */
const MAX_TIMES: Record<ContactPeriod, number> = { WEEK: 14, FORTNIGHT: 28, MONTH: 62, QUARTER: 184, YEAR: 732 };

export interface ArrangementTerms {
  times: number;
  period: ContactPeriod;
  venue?: string | null;
}

/** How often: at least once a period, at most twice a day on average; a venue, if given, is not blank. */
export function checkTerms(t: ArrangementTerms): void {
  if (!Number.isInteger(t.times) || t.times < 1) invalidInput("input.frequency.times", "AT_LEAST_ONCE", "contact happens at least once a period: give how many times");
  if (t.times > MAX_TIMES[t.period]) invalidInput("input.frequency.times", "AT_MOST_TWICE_A_DAY", `at most ${MAX_TIMES[t.period]} times a ${PERIOD_WORDS[t.period]}`);
  if (t.venue != null && !t.venue.trim()) invalidInput("input.venue", "NOT_BLANK", "leave the venue out rather than blank");
}

/** A new arrangement: with a member of this child's family, from a day on or after the child's birth. */
export function checkNewArrangement(a: ArrangementTerms & { startDate: LocalDate }, child: { dateOfBirth: LocalDate }): void {
  checkTerms(a);
  if (compareDates(a.startDate, child.dateOfBirth) < 0) {
    invalidInput("input.startDate", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${formatDate(child.dateOfBirth)})`);
  }
}

export interface ArrangementDates {
  startDate: LocalDate;
  endDate: LocalDate | null;
}

/** A change is to an arrangement still running, on a day it runs. */
export function checkChange(a: ArrangementDates, changedOn: LocalDate, today: LocalDate): void {
  if (a.endDate) invalidInput("input.arrangementId", "ARRANGEMENT_ENDED", `the arrangement ended on ${formatDate(a.endDate)}; record a new one instead`);
  if (compareDates(changedOn, today) > 0) invalidInput("input.changedOn", "NOT_IN_FUTURE", "record a change once it has been made");
  if (compareDates(changedOn, a.startDate) < 0) invalidInput("input.changedOn", "NOT_BEFORE_START", `the arrangement started on ${formatDate(a.startDate)}`);
}

/** An arrangement ends once, on or after the day it started, and not in the future. */
export function checkEnd(a: ArrangementDates, endedOn: LocalDate, today: LocalDate): void {
  if (a.endDate) invalidInput("input.arrangementId", "ALREADY_ENDED", `the arrangement already ended on ${formatDate(a.endDate)}`);
  if (compareDates(endedOn, today) > 0) invalidInput("input.endedOn", "NOT_IN_FUTURE", "record the end once the arrangement has ended");
  if (compareDates(endedOn, a.startDate) < 0) invalidInput("input.endedOn", "NOT_BEFORE_START", `cannot end before it started on ${formatDate(a.startDate)}`);
}

export interface NewSession {
  sessionOn: LocalDate;
  outcome: ContactSessionOutcome;
  cancelledBy?: ContactParty | null;
  notAttendedBy?: ContactParty | null;
  supervisorNote?: string | null;
}

/**
 * A session belongs to the arrangement's life (from its start, to its end if it ended). One that
 * took place, or that someone missed, has happened: not in the future; a cancellation may be
 * recorded ahead. Who cancelled is said for a cancellation only, who did not attend for a missed
 * session only. A supervisor's note needs a supervisor: not on unsupervised contact.
 */
export function checkSession(s: NewSession, a: ArrangementDates & { supervision: SupervisionLevel }, today: LocalDate): void {
  if (compareDates(s.sessionOn, a.startDate) < 0) {
    invalidInput("input.sessionOn", "SESSION_BEFORE_ARRANGEMENT_START", `the arrangement started on ${formatDate(a.startDate)}; a session cannot be before that`);
  }
  if (a.endDate && compareDates(s.sessionOn, a.endDate) > 0) {
    invalidInput("input.sessionOn", "SESSION_AFTER_ARRANGEMENT_END", `the arrangement ended on ${formatDate(a.endDate)}; a session cannot be after that`);
  }
  if (s.outcome !== "CANCELLED" && compareDates(s.sessionOn, today) > 0) {
    invalidInput("input.sessionOn", "NOT_IN_FUTURE", "only a cancellation can be recorded ahead of the day");
  }
  if (s.outcome === "CANCELLED" && !s.cancelledBy) invalidInput("input.cancelledBy", "REQUIRED_WHEN_CANCELLED", "say who cancelled the session");
  if (s.outcome !== "CANCELLED" && s.cancelledBy) invalidInput("input.cancelledBy", "ONLY_WHEN_CANCELLED", "only a cancelled session has someone who cancelled it");
  if (s.outcome === "DID_NOT_ATTEND" && !s.notAttendedBy) invalidInput("input.notAttendedBy", "REQUIRED_WHEN_NOT_ATTENDED", "say who did not attend");
  if (s.outcome !== "DID_NOT_ATTEND" && s.notAttendedBy) invalidInput("input.notAttendedBy", "ONLY_WHEN_NOT_ATTENDED", "only a session someone did not attend has someone who did not attend");
  if (s.supervisorNote != null) {
    if (!s.supervisorNote.trim()) invalidInput("input.supervisorNote", "NOT_BLANK", "leave the note out rather than blank");
    if (a.supervision === "UNSUPERVISED") invalidInput("input.supervisorNote", "NO_SUPERVISOR", "this contact is unsupervised, so there is no supervisor's note");
  }
}

const PARTY_WORDS: Record<ContactParty, string> = {
  FAMILY_MEMBER: "the family member",
  CHILD: "the child",
  CARER: "the carer",
  LOCAL_AUTHORITY: "the local authority",
  CONTACT_SERVICE: "the contact service",
  OTHER: "someone else",
};
export const partyWords = (p: ContactParty) => PARTY_WORDS[p];
