import { placementPlanDue, placementPlanExplanation } from "../src/domain/placement-plan";

describe("placement plan within 5 working days of the start (CPPCR 2010 reg 9)", () => {
  it.each([
    ["a Monday", "2026-11-30", "2026-12-07"],
    ["a Friday", "2026-12-04", "2026-12-11"],
    ["the Monday before Christmas (25, 28 Dec skipped; 26, 27 Dec a weekend)", "2026-12-21", "2026-12-30"],
    ["Christmas Eve (25, 28 Dec and 1 Jan skipped)", "2026-12-24", "2027-01-05"],
    ["Maundy Thursday 2027 (Good Friday 26 Mar and Easter Monday 29 Mar skipped)", "2027-03-25", "2027-04-05"],
    ["a Saturday", "2026-12-05", "2026-12-11"],
  ])("starting on %s", (_what, start, due) => {
    expect(placementPlanDue(start).date).toBe(due);
  });

  it("says how the date was worked out", () => {
    expect(placementPlanExplanation("2026-12-24")).toBe(
      "Placement plan due 5 Jan 2027: 5 working days after the placement started on 24 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    );
  });
});
