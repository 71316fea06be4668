/**
 * The risk matrix a concern is scored with: likelihood (1 = rare … 5 = almost certain) times impact
 * (1 = negligible … 5 = catastrophic). Pure: no I/O.
 *
 * This is not statutory: Working Together to Safeguard Children 2023 sets no scoring scheme, and
 * local safeguarding partnerships each use their own. CareGraph uses the common 5 × 5 banding
 * (score 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL; 17–19 cannot occur).
 */

export type RiskLevel = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

export const RISK_LEVELS: readonly RiskLevel[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

export interface RiskAssessment {
  likelihood: number;
  impact: number;
  /** likelihood × impact, 1–25. */
  score: number;
  level: RiskLevel;
}

/** A rating on either axis is a whole number from 1 to 5. */
export const isRating = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 5;

/** The level a score falls in. */
export function riskLevelForScore(score: number): RiskLevel {
  if (score >= 20) return "CRITICAL";
  if (score >= 10) return "HIGH";
  if (score >= 5) return "MEDIUM";
  return "LOW";
}

/** Likelihood × impact → score and level. Throws on a rating outside 1–5 (callers validate first). */
export function assessRisk(likelihood: number, impact: number): RiskAssessment {
  if (!isRating(likelihood) || !isRating(impact)) {
    throw new RangeError(`likelihood and impact are whole numbers from 1 to 5; got ${likelihood} × ${impact}`);
  }
  const score = likelihood * impact;
  return { likelihood, impact, score, level: riskLevelForScore(score) };
}

/** How the level was reached, for the concern's record. */
export const riskExplanation = (r: RiskAssessment): string =>
  `likelihood ${r.likelihood} × impact ${r.impact} = ${r.score}: ${r.level} (CareGraph 5 × 5 matrix: 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL)`;

export type RiskDecision =
  | { ok: true; level: RiskLevel; assessment: RiskAssessment | null }
  | { ok: false; field: "input.riskLevel" | "input.likelihood" | "input.impact"; rule: string; message: string };

/**
 * The level a new concern is recorded at. With likelihood and impact the matrix decides; a
 * riskLevel given alongside must agree with it, and one that contradicts it is REFUSED rather than
 * silently overridden, so the practitioner sees the disagreement and either re-rates the axes or
 * leaves riskLevel out. Without ratings the practitioner's riskLevel stands. One rating without the
 * other is refused: half a matrix is not a score.
 */
export function decideRiskLevel(input: { riskLevel?: RiskLevel | null; likelihood?: number | null; impact?: number | null }): RiskDecision {
  const { riskLevel, likelihood, impact } = input;
  const hasL = likelihood !== null && likelihood !== undefined;
  const hasI = impact !== null && impact !== undefined;
  if (hasL && !isRating(likelihood)) return { ok: false, field: "input.likelihood", rule: "RATING_1_TO_5", message: `likelihood is a whole number from 1 to 5; got ${likelihood}` };
  if (hasI && !isRating(impact)) return { ok: false, field: "input.impact", rule: "RATING_1_TO_5", message: `impact is a whole number from 1 to 5; got ${impact}` };
  if (hasL !== hasI) {
    return hasL
      ? { ok: false, field: "input.impact", rule: "RISK_MATRIX_INCOMPLETE", message: "give impact as well as likelihood (or neither)" }
      : { ok: false, field: "input.likelihood", rule: "RISK_MATRIX_INCOMPLETE", message: "give likelihood as well as impact (or neither)" };
  }
  if (hasL && hasI) {
    const assessment = assessRisk(likelihood, impact);
    if (riskLevel && riskLevel !== assessment.level) {
      return {
        ok: false,
        field: "input.riskLevel",
        rule: "RISK_LEVEL_CONTRADICTS_MATRIX",
        message: `${riskLevel} contradicts the risk matrix (${riskExplanation(assessment)}); leave riskLevel out or re-rate likelihood and impact`,
      };
    }
    return { ok: true, level: assessment.level, assessment };
  }
  if (!riskLevel) return { ok: false, field: "input.riskLevel", rule: "REQUIRED", message: "give a risk level, or likelihood and impact for the risk matrix" };
  return { ok: true, level: riskLevel, assessment: null };
}
