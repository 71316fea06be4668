import { checkMove, checkNewPlacement, normalisePostcode, overlaps } from "../src/domain/placement-rules";

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
