import type { LocalDate } from "@caregraph/platform/calendar";
import { notBefore, notInFuture, pastDate, Problem } from "./problems";

/**
 * Family tracing: with the child's consent, a referral to a tracing service to find family
 * members (the British Red Cross's international family tracing, or International Social
 * Service / CFAB), and what came of it. A duty to try to trace family sits with the Home Office
 * for asylum-seeking children (Asylum Seekers (Reception Conditions) Regulations 2005 reg 6, as
 * recalled; not verified here); the local authority records its own referrals.
 */
export type FamilyTracingService = "BRITISH_RED_CROSS" | "INTERNATIONAL_SOCIAL_SERVICE" | "OTHER";
export type FamilyTracingOutcome = "FAMILY_FOUND" | "NOT_FOUND" | "CHILD_WITHDREW" | "CLOSED";

export const tracingReferralProblem = (referredOn: LocalDate, dateOfBirth: LocalDate, today: LocalDate): Problem =>
  pastDate("input.referredOn", referredOn, dateOfBirth, today);

export const tracingOutcomeProblem = (outcomeOn: LocalDate, referredOn: LocalDate, today: LocalDate): Problem =>
  notInFuture("input.outcomeOn", outcomeOn, today) ?? notBefore("input.outcomeOn", outcomeOn, referredOn, "the referral", "NOT_BEFORE_REFERRAL");
