import { assessRisk, decideRiskLevel, riskLevelForScore } from "../src/domain/risk-matrix";

describe("the risk matrix (likelihood × impact)", () => {
  it.each([
    [1, 1, 1, "LOW"],
    [2, 2, 4, "LOW"],
    [1, 5, 5, "MEDIUM"],
    [3, 3, 9, "MEDIUM"],
    [2, 5, 10, "HIGH"],
    [4, 4, 16, "HIGH"],
    [4, 5, 20, "CRITICAL"],
    [5, 5, 25, "CRITICAL"],
  ])("likelihood %i × impact %i scores %i: %s", (likelihood, impact, score, level) => {
    expect(assessRisk(likelihood, impact)).toEqual({ likelihood, impact, score, level });
  });

  it("every cell of the 5 × 5 matrix has a level, and a higher rating never lowers it", () => {
    const order = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
    for (let l = 1; l <= 5; l++) {
      for (let i = 1; i <= 5; i++) {
        const here = order.indexOf(assessRisk(l, i).level);
        if (l < 5) expect(order.indexOf(assessRisk(l + 1, i).level)).toBeGreaterThanOrEqual(here);
        if (i < 5) expect(order.indexOf(assessRisk(l, i + 1).level)).toBeGreaterThanOrEqual(here);
      }
    }
  });

  it("band edges: 4 LOW, 5 MEDIUM, 9 MEDIUM, 10 HIGH, 16 HIGH, 20 CRITICAL", () => {
    expect([4, 5, 9, 10, 16, 20].map(riskLevelForScore)).toEqual(["LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"]);
  });

  it("refuses a rating outside 1–5", () => {
    expect(() => assessRisk(0, 3)).toThrow(RangeError);
    expect(() => assessRisk(3, 6)).toThrow(RangeError);
    expect(() => assessRisk(2.5, 3)).toThrow(RangeError);
  });
});

describe("the level a concern is recorded at", () => {
  it("comes from the matrix when likelihood and impact are given", () => {
    expect(decideRiskLevel({ likelihood: 5, impact: 4 })).toMatchObject({ ok: true, level: "CRITICAL", assessment: { score: 20 } });
  });

  it("accepts a riskLevel that agrees with the matrix", () => {
    expect(decideRiskLevel({ riskLevel: "HIGH", likelihood: 3, impact: 4 })).toMatchObject({ ok: true, level: "HIGH" });
  });

  it("refuses a riskLevel that contradicts the matrix, naming input.riskLevel", () => {
    expect(decideRiskLevel({ riskLevel: "LOW", likelihood: 5, impact: 5 })).toMatchObject({
      ok: false,
      field: "input.riskLevel",
      rule: "RISK_LEVEL_CONTRADICTS_MATRIX",
    });
  });

  it("takes the practitioner's level when no ratings are given", () => {
    expect(decideRiskLevel({ riskLevel: "MEDIUM" })).toEqual({ ok: true, level: "MEDIUM", assessment: null });
  });

  it("needs a level or both ratings", () => {
    expect(decideRiskLevel({})).toMatchObject({ ok: false, field: "input.riskLevel", rule: "REQUIRED" });
    expect(decideRiskLevel({ likelihood: 3 })).toMatchObject({ ok: false, field: "input.impact", rule: "RISK_MATRIX_INCOMPLETE" });
    expect(decideRiskLevel({ impact: 3, riskLevel: "LOW" })).toMatchObject({ ok: false, field: "input.likelihood", rule: "RISK_MATRIX_INCOMPLETE" });
    expect(decideRiskLevel({ likelihood: 6, impact: 1 })).toMatchObject({ ok: false, field: "input.likelihood", rule: "RATING_1_TO_5" });
  });
});
