import type { LocalDate } from "@caregraph/platform/calendar";
import { firstProblem, notBefore, notInFuture, pastDate, Problem } from "./problems";

/**
 * An appeal against a Home Office refusal of protection (Nationality, Immigration and Asylum Act
 * 2002 s.82), first to the First-tier Tribunal (Immigration and Asylum Chamber), then with
 * permission to the Upper Tribunal. Time limits for lodging are the Tribunal Procedure Rules' and
 * are not encoded here.
 */
export type AppealTier = "FIRST_TIER_TRIBUNAL" | "UPPER_TRIBUNAL";
export type AppealOutcome = "ALLOWED" | "DISMISSED" | "WITHDRAWN";

const TIER_WORDS: Record<AppealTier, string> = { FIRST_TIER_TRIBUNAL: "First-tier Tribunal", UPPER_TRIBUNAL: "Upper Tribunal" };
const OUTCOME_WORDS: Record<AppealOutcome, string> = { ALLOWED: "allowed", DISMISSED: "dismissed", WITHDRAWN: "withdrawn" };

export interface AppealOutcomeInput {
  heardOn?: LocalDate | null;
  outcome: AppealOutcome;
  decidedOn: LocalDate;
}

export const appealLodgedProblem = (lodgedOn: LocalDate, dateOfBirth: LocalDate, today: LocalDate): Problem =>
  pastDate("input.lodgedOn", lodgedOn, dateOfBirth, today);

/** A hearing follows the lodging; the decision follows the hearing (a withdrawal may have none). */
export function appealOutcomeProblem(o: AppealOutcomeInput, lodgedOn: LocalDate, today: LocalDate): Problem {
  return firstProblem(
    () => notInFuture("input.heardOn", o.heardOn, today),
    () => notBefore("input.heardOn", o.heardOn, lodgedOn, "the day the appeal was lodged", "NOT_BEFORE_LODGED"),
    () => notInFuture("input.decidedOn", o.decidedOn, today),
    () => notBefore("input.decidedOn", o.decidedOn, lodgedOn, "the day the appeal was lodged", "NOT_BEFORE_LODGED"),
    () => notBefore("input.decidedOn", o.decidedOn, o.heardOn, "the hearing", "NOT_BEFORE_HEARING"),
  );
}

export const appealLodgedSummary = (tier: AppealTier): string => `Immigration appeal lodged (${TIER_WORDS[tier]})`;
export const appealDecidedSummary = (tier: AppealTier, outcome: AppealOutcome): string => `Immigration appeal ${OUTCOME_WORDS[outcome]} (${TIER_WORDS[tier]})`;
