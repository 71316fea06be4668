import { breakdownRisk, BREAKDOWN_RISK_LABEL } from "../src/domain/breakdown-risk";
import { checkDisruptionMeeting, checkPlannedMove } from "../src/domain/endings";
import type { StayPeriod } from "../src/domain/stability";

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    const x = (e as { extensions?: Record<string, unknown> }).extensions;
    return { field: x?.field, rule: x?.rule };
  }
  return null;
};

describe("a planned move carries a transition plan and a risk assessment, done by the day of the move", () => {
  it.each<[string, Parameters<typeof checkPlannedMove>[0], { field: string; rule: string } | null]>([
    ["both, before the move", { date: "2026-12-21", planned: true, transitionPlanAgreedOn: "2026-12-01", riskAssessmentCompletedOn: "2026-12-21" }, null],
    ["no transition plan", { date: "2026-12-21", planned: true, riskAssessmentCompletedOn: "2026-12-01" }, { field: "input.transitionPlanAgreedOn", rule: "TRANSITION_PLAN_REQUIRED" }],
    ["no risk assessment", { date: "2026-12-21", planned: true, transitionPlanAgreedOn: "2026-12-01" }, { field: "input.riskAssessmentCompletedOn", rule: "RISK_ASSESSMENT_REQUIRED" }],
    ["a plan after the move", { date: "2026-12-21", planned: true, transitionPlanAgreedOn: "2026-12-22", riskAssessmentCompletedOn: "2026-12-01" }, { field: "input.transitionPlanAgreedOn", rule: "BY_THE_MOVE" }],
    ["a transition plan on an unplanned move", { date: "2026-12-21", planned: false, transitionPlanAgreedOn: "2026-12-01" }, { field: "input.transitionPlanAgreedOn", rule: "PLANNED_MOVE_ONLY" }],
    ["an unplanned move with neither", { date: "2026-12-21", planned: false }, null],
    ["not said", { date: "2026-12-21" }, null],
  ])("%s", (_what, move, refused) => {
    expect(refusal(() => checkPlannedMove(move))).toEqual(refused);
  });
});

describe("a disruption meeting follows an unplanned ending", () => {
  const ended = { startDate: "2026-01-05", endDate: "2026-12-01", endingPlanned: false };
  it.each<[string, typeof ended | { startDate: string; endDate: string | null; endingPlanned: boolean | null }, string, { field: string; rule: string } | null]>([
    ["after an unplanned ending", ended, "2026-12-10", null],
    ["after a planned ending", { ...ended, endingPlanned: true }, "2026-12-10", { field: "input.placementId", rule: "UNPLANNED_ENDING" }],
    ["for an open placement", { ...ended, endDate: null, endingPlanned: null }, "2026-12-10", { field: "input.placementId", rule: "UNPLANNED_ENDING" }],
    ["in the future", ended, "2026-12-23", { field: "input.heldOn", rule: "NOT_IN_FUTURE" }],
    ["before the placement began", ended, "2026-01-04", { field: "input.heldOn", rule: "NOT_BEFORE_START" }],
  ])("%s", (_what, p, heldOn, refused) => {
    expect(refusal(() => checkDisruptionMeeting(p, heldOn, "2026-12-22"))).toEqual(refused);
  });
});

describe("breakdown risk: decision support, each factor and weight shown", () => {
  const stay = (startDate: string, endDate: string | null): StayPeriod => ({ type: "U6", startDate, endDate });
  it("a settled younger child scores nothing, with every factor still shown", () => {
    const r = breakdownRisk({ dateOfBirth: "2018-01-01", placements: [stay("2022-01-01", null)], missingStartedOn: [], unplannedEndingsOn: [] }, "2026-12-22");
    expect(r.score).toBe(0);
    expect(r.label).toBe(BREAKDOWN_RISK_LABEL);
    expect(r.factors.map((f) => [f.factor, f.value, f.points])).toEqual([
      ["MOVES_IN_LAST_12_MONTHS", 0, 0],
      ["MISSING_EPISODES_IN_LAST_12_MONTHS", 0, 0],
      ["UNPLANNED_ENDINGS_IN_LAST_12_MONTHS", 0, 0],
      ["AGED_11_OR_OVER_AT_PLACEMENT", 0, 0],
    ]);
  });

  it("two moves, three missing episodes (one outside the 12 months), a disruption, placed at 13", () => {
    const r = breakdownRisk(
      {
        dateOfBirth: "2012-04-01",
        placements: [stay("2025-01-01", "2026-03-01"), stay("2026-03-01", "2026-09-01"), stay("2026-09-01", null)],
        missingStartedOn: ["2025-12-22", "2025-12-23", "2026-10-01"],
        unplannedEndingsOn: ["2026-09-01"],
      },
      "2026-12-22",
    );
    expect(r.factors.map((f) => [f.factor, f.value, f.weight, f.points])).toEqual([
      ["MOVES_IN_LAST_12_MONTHS", 2, 15, 30],
      ["MISSING_EPISODES_IN_LAST_12_MONTHS", 2, 10, 20],
      ["UNPLANNED_ENDINGS_IN_LAST_12_MONTHS", 1, 15, 15],
      ["AGED_11_OR_OVER_AT_PLACEMENT", 1, 20, 20],
    ]);
    expect(r.score).toBe(85);
    expect(r.factors[3]?.reason).toBe("aged 14 when the current placement began (20 points each, at most 1 counted)");
  });

  it("caps each factor and the score at 100", () => {
    const many = Array.from({ length: 8 }, (_, i) => `2026-0${(i % 9) + 1}-10`);
    const r = breakdownRisk(
      {
        dateOfBirth: "2010-01-01",
        placements: Array.from({ length: 6 }, (_, i) => stay(`2026-0${i + 1}-01`, i === 5 ? null : `2026-0${i + 2}-01`)),
        missingStartedOn: many,
        unplannedEndingsOn: many,
      },
      "2026-12-22",
    );
    expect(r.factors.map((f) => f.points)).toEqual([45, 40, 30, 20]);
    expect(r.score).toBe(100);
  });
});
