import { intendedToLastUntil18ByDefault } from "../src/domain/codes";
import { checkAmendment, checkLookedAfter, checkMove, checkNewPlacement, followMove, normalisePostcode, overlaps } from "../src/domain/placement-rules";

const rule = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { rule?: string } }).extensions?.rule;
  }
  return undefined;
};

describe("placement rules", () => {
  const dob = "2014-05-01";

  it("a placement cannot start before the child was born", () => {
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2014-04-30" }, dob, []))).toBe("START_NOT_BEFORE_BIRTH");
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2014-05-01" }, dob, []))).toBeUndefined();
  });

  it("a child cannot be in two placements at once", () => {
    const current = [{ startDate: "2026-01-10", endDate: null }];
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2026-03-01" }, dob, current))).toBe("PLACEMENT_OVERLAP");
    const past = [{ startDate: "2025-01-10", endDate: "2025-06-01" }];
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2025-05-31" }, dob, past))).toBe("PLACEMENT_OVERLAP");
    // A placement may start the day the previous one ended (a move).
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2025-06-01" }, dob, past))).toBeUndefined();
  });

  it("a past placement may be recorded between others, but not across one", () => {
    const history = [{ startDate: "2026-01-01", endDate: null }];
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2025-01-01", endDate: "2026-01-01" }, dob, history))).toBeUndefined();
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2025-01-01", endDate: "2026-01-02" }, dob, history))).toBe("PLACEMENT_OVERLAP");
    expect(rule(() => checkNewPlacement({ type: "U4", startDate: "2025-01-01", endDate: "2024-12-31" }, dob, []))).toBe("END_NOT_BEFORE_START");
  });

  it("a move cannot end the current placement before it started", () => {
    const current = { startDate: "2026-02-01", endDate: null };
    expect(rule(() => checkMove(current, "2026-01-31", { type: "K2", startDate: "2026-01-31" }, "CARPL", dob))).toBe("END_NOT_BEFORE_START");
    expect(rule(() => checkMove(null, "2026-03-01", { type: "K2", startDate: "2026-03-01" }, "CARPL", dob))).toBe("HAS_CURRENT_PLACEMENT");
  });

  it("follows the DfE rules on reasons and providers", () => {
    const current = { startDate: "2020-02-01", endDate: null };
    expect(rule(() => checkMove(current, "2020-03-01", { type: "R5", startDate: "2020-03-01" }, "CUSTOD", "2012-01-01"))).toBe("CUSTODY_UNDER_10");
    expect(rule(() => checkMove(current, "2020-03-01", { type: "T1", startDate: "2020-03-01" }, "CARPL", dob))).toBe("NO_REASON_FOR_TEMPORARY");
    expect(rule(() => checkNewPlacement({ type: "T2", startDate: "2026-01-01", provider: "PR1" }, dob, []))).toBe("PROVIDER_NOT_REQUIRED");
  });

  it("periods are half-open: one ending on the day the next starts does not overlap", () => {
    expect(overlaps({ startDate: "2026-01-01", endDate: "2026-02-01" }, { startDate: "2026-02-01", endDate: null })).toBe(false);
    expect(overlaps({ startDate: "2026-01-01", endDate: "2026-02-02" }, { startDate: "2026-02-01", endDate: null })).toBe(true);
  });

  it("writes postcodes in the standard form and rejects non-postcodes", () => {
    expect(normalisePostcode(" tw91aa ")).toBe("TW9 1AA");
    expect(normalisePostcode("")).toBeNull();
    expect(rule(() => normalisePostcode("not a postcode"))).toBe("POSTCODE_FORMAT");
  });
});

describe("placements are for looked-after children", () => {
  it("refuses a child who is not looked after, and a start before the child became looked after", () => {
    expect(rule(() => checkLookedAfter(null, "2026-01-05"))).toBe("NOT_LOOKED_AFTER");
    expect(rule(() => checkLookedAfter("2026-01-05", "2026-01-04"))).toBe("BEFORE_LOOKED_AFTER");
    expect(rule(() => checkLookedAfter("2026-01-05", "2026-01-05"))).toBeUndefined();
  });
});

describe("intended to last until 18 (CPPCR 2010 reg 28(2)), by default from the PLACE code", () => {
  it("true for the long-term foster codes U1 and U4 only", () => {
    expect(["U1", "U4"].every((t) => intendedToLastUntil18ByDefault(t as "U1"))).toBe(true);
    for (const t of ["U2", "U3", "U5", "U6", "A3", "K2", "P1", "T0"] as const) expect(intendedToLastUntil18ByDefault(t)).toBe(false);
  });
});

describe("a corrected placement is checked again against the rest of the history", () => {
  const dob = "2014-05-01";
  const base = { type: "U4" as const, startDate: "2026-02-01", endDate: null, reasonForChange: null, movedInWithReason: false, originalStartDate: "2026-02-01" };

  it("may not overlap another placement, end before it starts, or start before care began", () => {
    const others = [{ startDate: "2026-01-05", endDate: "2026-02-01" }];
    expect(rule(() => checkAmendment(base, others, dob, "2026-01-05"))).toBeUndefined();
    expect(rule(() => checkAmendment({ ...base, startDate: "2026-01-31" }, others, dob, "2026-01-05"))).toBe("PLACEMENT_OVERLAP");
    expect(rule(() => checkAmendment({ ...base, endDate: "2026-01-31" }, [], dob, "2026-01-05"))).toBe("END_NOT_BEFORE_START");
    expect(rule(() => checkAmendment({ ...base, startDate: "2026-01-04" }, [], dob, "2026-01-05"))).toBe("BEFORE_LOOKED_AFTER");
  });

  it("a placement from an earlier period of care is not held to the current period's start", () => {
    const earlier = { ...base, startDate: "2024-03-01", endDate: "2024-09-01", originalStartDate: "2024-03-01" };
    expect(rule(() => checkAmendment({ ...earlier, type: "U6" }, [], dob, "2026-01-05"))).toBeUndefined();
  });

  it("keeps the DfE rules on providers, temporary placements and custody", () => {
    expect(rule(() => checkAmendment({ ...base, type: "T2", provider: "PR1" }, [], dob, "2026-01-05"))).toBe("PROVIDER_NOT_REQUIRED");
    expect(rule(() => checkAmendment({ ...base, type: "T1", movedInWithReason: true }, [], dob, "2026-01-05"))).toBe("NO_REASON_FOR_TEMPORARY");
    const custody = { ...base, endDate: "2020-03-01", startDate: "2020-02-01", originalStartDate: "2020-02-01", reasonForChange: "CUSTOD" as const };
    expect(rule(() => checkAmendment(custody, [], "2012-01-01", null))).toBe("CUSTODY_UNDER_10");
  });
});

describe("a move is one day: correcting it moves both placements", () => {
  const before = { startDate: "2026-03-02", endDate: null };
  const previous = { startDate: "2026-01-05", endDate: "2026-03-02" };

  it("the placement a move replaced ends on the corrected move day", () => {
    expect(followMove(before, { startDate: "2026-02-27", endDate: null }, previous, null)).toEqual({
      previous: { startDate: "2026-01-05", endDate: "2026-02-27" },
      next: null,
    });
    expect(followMove(before, before, previous, null)).toEqual({ previous: null, next: null });
  });

  it("the next placement starts on the corrected end; neither may be turned inside out", () => {
    const ended = { startDate: "2026-01-05", endDate: "2026-03-02" };
    const next = { startDate: "2026-03-02", endDate: "2026-04-01" };
    expect(followMove(ended, { ...ended, endDate: "2026-03-06" }, null, next).next).toEqual({ startDate: "2026-03-06", endDate: "2026-04-01" });
    expect(rule(() => followMove(ended, { ...ended, endDate: "2026-04-02" }, null, next))).toBe("END_NOT_BEFORE_START");
    expect(rule(() => followMove(before, { startDate: "2026-01-04", endDate: null }, previous, null))).toBe("END_NOT_BEFORE_START");
  });
});
