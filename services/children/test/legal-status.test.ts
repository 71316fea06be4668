import { GraphQLError } from "graphql";
import { addStatus, amendStatus, chain, ChainedStatus, currentPeriodStart, endCareOn, inForceOn, StatusEntry, voidStatus } from "../src/domain/legal-status";

const DOB = "2014-03-01";
const TODAY = "2026-12-01";
const entry = (id: string, code: string, startDate: string, ceased: StatusEntry["ceased"] = null): StatusEntry => ({ id, code, startDate, ceased });
const brief = (h: ChainedStatus[]) => h.map((s) => `${s.code} ${s.startDate}→${s.endDate ?? ""}${s.ceased ? ` ${s.ceased.reason}` : ""}`);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof GraphQLError) return e.extensions;
    throw e;
  }
  throw new Error("not refused");
};

describe("the legal status chain (SSDA903 episodes: each ends the day the next begins)", () => {
  const history = chain([entry("a", "V2", "2026-06-01"), entry("b", "C1", "2026-07-15")]);

  it("a status after the latest one ends it that day", () => {
    const plan = addStatus(history, { id: "c", code: "C2", startDate: "2026-10-30" }, DOB, TODAY);
    expect(brief(plan.history)).toEqual(["V2 2026-06-01→2026-07-15", "C1 2026-07-15→2026-10-30", "C2 2026-10-30→"]);
    expect(plan.previous?.code).toBe("C1");
    expect(plan.startsPeriodOfCare).toBe(false);
  });

  it("an earlier status fills the history in its place and the chain is re-linked", () => {
    const plan = addStatus(history, { id: "c", code: "L2", startDate: "2026-06-30" }, DOB, TODAY);
    expect(brief(plan.history)).toEqual(["V2 2026-06-01→2026-06-30", "L2 2026-06-30→2026-07-15", "C1 2026-07-15→"]);
    expect(plan.previous?.code).toBe("V2");
  });

  it.each([
    ["2026-12-02", "input.startDate", "NOT_IN_FUTURE"],
    ["2026-05-31", "input.startDate", "NOT_BEFORE_LOOKED_AFTER"],
    ["2026-07-15", "input.startDate", "ONE_STATUS_PER_DAY"],
    ["2014-02-28", "input.startDate", "NOT_BEFORE_BIRTH"],
  ])("a status from %s is refused (%s %s)", (startDate, field, rule) => {
    expect(refusal(() => addStatus(history, { id: "c", code: "E1", startDate }, DOB, TODAY))).toMatchObject({ field, rule });
  });

  it("a status that does not change the one it lands in is refused", () => {
    expect(refusal(() => addStatus(history, { id: "c", code: "V2", startDate: "2026-06-20" }, DOB, TODAY))).toMatchObject({ field: "input.code", rule: "CHANGES_STATUS" });
    expect(refusal(() => addStatus(history, { id: "c", code: "C1", startDate: "2026-07-01" }, DOB, TODAY))).toMatchObject({ rule: "CHANGES_STATUS" });
  });

  it("the status in force on a day has begun on or before it and not ended (Christmas Day, New Year's Day)", () => {
    const h = chain([entry("a", "L1", "2025-12-24"), entry("b", "C1", "2025-12-25"), entry("c", "C2", "2026-01-01")]);
    expect(inForceOn(h, "2025-12-23")).toBeNull();
    expect(inForceOn(h, "2025-12-24")?.code).toBe("L1");
    expect(inForceOn(h, "2025-12-25")?.code).toBe("C1");
    expect(inForceOn(h, "2025-12-31")?.code).toBe("C1");
    expect(inForceOn(h, "2026-01-01")?.code).toBe("C2");
  });
});

describe("leaving care and coming back (DfE DEC + REC)", () => {
  const inCare = chain([entry("a", "V2", "2026-03-31"), entry("b", "C2", "2026-04-06")]);

  it("the status in force ends on the end date; the child is not looked after; a later status starts a new period", () => {
    const ended = endCareOn(inCare, "2026-08-31", "E4A", DOB, TODAY);
    expect(brief(ended)).toEqual(["V2 2026-03-31→2026-04-06", "C2 2026-04-06→2026-08-31 E4A"]);
    expect(currentPeriodStart(ended)).toBeNull();
    expect(inForceOn(ended, "2026-08-31")).toBeNull();
    const back = addStatus(ended, { id: "c", code: "V2", startDate: "2026-10-03" }, DOB, TODAY);
    expect(back.startsPeriodOfCare).toBe(true);
    expect(currentPeriodStart(back.history)?.startDate).toBe("2026-10-03");
  });

  it.each([
    ["2026-04-05", "E4A", "input.endDate", "NOT_BEFORE_CURRENT_STATUS"],
    ["2026-12-02", "E4A", "input.endDate", "NOT_IN_FUTURE"],
    ["2026-09-01", "X1", "input.reason", "NOT_LEAVING_CARE"],
  ])("ending care on %s with %s is refused (%s %s)", (endDate, reason, field, rule) => {
    expect(refusal(() => endCareOn(inCare, endDate, reason, DOB, TODAY))).toMatchObject({ field, rule });
  });

  it("a child not looked after cannot leave care; a status inside an ended period fills it and keeps its end", () => {
    const ended = endCareOn(inCare, "2026-08-31", "E13", DOB, TODAY);
    expect(refusal(() => endCareOn(ended, "2026-09-01", "E13", DOB, TODAY))).toMatchObject({ field: "input.childId", rule: "NOT_LOOKED_AFTER" });
    expect(refusal(() => addStatus(ended, { id: "c", code: "C2", startDate: "2026-08-30" }, DOB, TODAY)).rule).toBe("CHANGES_STATUS");
    expect(refusal(() => addStatus(ended, { id: "c", code: "C1", startDate: "2026-02-01" }, DOB, TODAY)).rule).toBe("NOT_BEFORE_LOOKED_AFTER");
    const filled = addStatus(ended, { id: "c", code: "E1", startDate: "2026-08-30" }, DOB, TODAY);
    expect(brief(filled.history)).toEqual(["V2 2026-03-31→2026-04-06", "C2 2026-04-06→2026-08-30", "E1 2026-08-30→2026-08-31 E13"]);
  });

  it("the date care ended may be the day the current status began; the bank holiday Monday is an ordinary date here", () => {
    const ended = endCareOn(inCare, "2026-04-06", "E2", DOB, TODAY);
    expect(brief(ended).at(-1)).toBe("C2 2026-04-06→2026-04-06 E2");
  });
});

describe("corrections", () => {
  const h = chain([entry("a", "V2", "2026-05-22"), entry("b", "C1", "2026-05-26"), entry("c", "C2", "2026-08-31")]);

  it("amending a start date re-links its neighbours", () => {
    expect(brief(amendStatus(h, "b", { code: "C1", startDate: "2026-05-27" }, DOB, TODAY))).toEqual([
      "V2 2026-05-22→2026-05-27",
      "C1 2026-05-27→2026-08-31",
      "C2 2026-08-31→",
    ]);
  });

  it("amending the first status moves the start of the period of care", () => {
    const amended = amendStatus(h, "a", { code: "L2", startDate: "2026-05-20" }, DOB, TODAY);
    expect(currentPeriodStart(amended)).toMatchObject({ code: "L2", startDate: "2026-05-20" });
  });

  it("an amendment to the future, onto another status's start or past a neighbour of the same code is refused", () => {
    expect(refusal(() => amendStatus(h, "c", { code: "C2", startDate: "2026-12-25" }, DOB, TODAY)).rule).toBe("NOT_IN_FUTURE");
    expect(refusal(() => amendStatus(h, "b", { code: "C1", startDate: "2026-08-31" }, DOB, TODAY)).rule).toBe("ONE_STATUS_PER_DAY");
    expect(refusal(() => amendStatus(h, "b", { code: "C2", startDate: "2026-05-26" }, DOB, TODAY)).rule).toBe("CHANGES_STATUS");
  });

  it("voiding a status lets the one before it run on; voiding the first moves the start of care", () => {
    expect(brief(voidStatus(h, "b"))).toEqual(["V2 2026-05-22→2026-08-31", "C2 2026-08-31→"]);
    expect(currentPeriodStart(voidStatus(h, "a"))?.startDate).toBe("2026-05-26");
  });

  it("voiding the status care ended on hands the end of care to the one before it", () => {
    const ended = endCareOn(h, "2026-11-30", "E41", DOB, TODAY);
    expect(brief(voidStatus(ended, "c"))).toEqual(["V2 2026-05-22→2026-05-26", "C1 2026-05-26→2026-11-30 E41"]);
  });

  it("the only status of the current period of care cannot be voided", () => {
    const only = chain([entry("a", "C2", "2026-01-05")]);
    expect(refusal(() => voidStatus(only, "a"))).toMatchObject({ field: "input.id", rule: "ONLY_LEGAL_STATUS" });
  });
});
