import { approvalDecisionDue, checkExtension, checkTemporaryApproval, latestEnd } from "../src/domain/temporary-approval";

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    const x = (e as { extensions?: Record<string, unknown> }).extensions;
    return { field: x?.field, rule: x?.rule };
  }
  return null;
};

describe("temporary approval of a connected person: at most 16 weeks (CPPCR 2010 reg 24)", () => {
  it.each([
    ["1 Dec 2026", "2026-12-01", "2027-03-23"],
    ["a 16 weeks ending on a leap day", "2027-11-09", "2028-02-29"],
  ])("from %s ends by %s", (_what, start, latest) => {
    expect(latestEnd(start).date).toBe(latest);
    expect(latestEnd(start).workings).toMatch(/^16 weeks after the placement started on /);
  });

  it.each<[string, string, string, string, { field: string; rule: string } | null]>([
    ["exactly 16 weeks", "U3", "2026-12-01", "2027-03-23", null],
    ["16 weeks and a day", "U3", "2026-12-01", "2027-03-24", { field: "input.temporaryApprovalEndsOn", rule: "AT_MOST_16_WEEKS" }],
    ["ending on the day it starts", "U1", "2026-12-01", "2026-12-01", { field: "input.temporaryApprovalEndsOn", rule: "END_AFTER_START" }],
    ["with an unrelated foster carer (U6)", "U6", "2026-12-01", "2027-01-01", { field: "input.temporaryApprovalEndsOn", rule: "CONNECTED_PERSON_ONLY" }],
  ])("%s", (_what, type, start, endsOn, refused) => {
    expect(refusal(() => checkTemporaryApproval(type as "U3", start, endsOn))).toEqual(refused);
  });
});

describe("extended once, by at most 8 weeks, before it lapses (reg 25)", () => {
  const approval = { endsOn: "2027-03-23", extended: false };
  it.each<[string, { endsOn: string; extended: boolean } | null, string, string, { field: string; rule: string } | null]>([
    ["by exactly 8 weeks", approval, "2027-05-18", "2027-03-22", null],
    ["by 8 weeks and a day", approval, "2027-05-19", "2027-03-22", { field: "input.endsOn", rule: "AT_MOST_8_WEEKS" }],
    ["a second time", { ...approval, extended: true }, "2027-04-01", "2027-03-22", { field: "input.placementId", rule: "EXTENDED_ONCE" }],
    ["on the day it lapses", approval, "2027-04-01", "2027-03-23", { field: "input.placementId", rule: "NOT_LAPSED" }],
    ["to an earlier day", approval, "2027-03-20", "2027-03-01", { field: "input.endsOn", rule: "LATER_THAN_CURRENT" }],
    ["with no temporary approval", null, "2027-04-01", "2027-03-01", { field: "input.placementId", rule: "HAS_TEMPORARY_APPROVAL" }],
  ])("%s", (_what, current, endsOn, today, refused) => {
    expect(refusal(() => checkExtension(current, endsOn, today))).toEqual(refused);
  });

  it("the decision is due the day before the approval lapses", () => {
    expect(approvalDecisionDue("2027-03-01", false)).toEqual({ date: "2027-02-28", workings: "the day before the temporary approval lapses on 1 Mar 2027" });
    expect(approvalDecisionDue("2028-03-01", true).date).toBe("2028-02-29");
  });
});
