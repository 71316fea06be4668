import { stabilityOn, StayPeriod } from "../src/domain/stability";
import { percent, ReportRow, stabilityReport } from "../src/domain/stability-report";

describe("distance from home on Child.placementStability (the placement lived in on the day)", () => {
  const stay = (startDate: string, endDate: string | null, postcode: string | null, homePostcode: string | null): StayPeriod => ({ type: "U6", startDate, endDate, postcode, homePostcode });
  it.each<[string, StayPeriod[], string, number | null, boolean | null, string | null]>([
    ["near home", [stay("2026-01-01", null, "E2 7AA", "E1 6AN")], "2026-12-01", 0.8, false, null],
    ["more than 20 miles", [stay("2026-01-01", null, "LU1 1AA", "E1 6AN")], "2026-12-01", 29.1, true, null],
    ["moved on the day: the new placement counts", [stay("2026-01-01", "2026-12-01", "LU1 1AA", "E1 6AN"), stay("2026-12-01", null, "E2 7AA", "E1 6AN")], "2026-12-01", 0.8, false, null],
    ["the day before the move: the old one", [stay("2026-01-01", "2026-12-01", "LU1 1AA", "E1 6AN"), stay("2026-12-01", null, "E2 7AA", "E1 6AN")], "2026-11-30", 29.1, true, null],
    ["no home postcode", [stay("2026-01-01", null, "E2 7AA", null)], "2026-12-01", null, null, "no home postcode recorded"],
    ["no placement on the day", [stay("2026-01-01", "2026-06-01", "E2 7AA", "E1 6AN")], "2026-12-01", null, null, "no current placement"],
  ])("%s", (_what, stays, on, miles, over, reason) => {
    const s = stabilityOn("2014-05-01", "2026-01-01", stays, on);
    expect(s.distanceFromHomeMiles).toBe(miles);
    expect(s.placedOver20Miles).toBe(over);
    expect(s.distanceUnknownReason).toBe(reason);
  });
});

describe("the tenant-wide stability report (pure part: the rows come from one SQL query)", () => {
  const row = (o: Partial<ReportRow> = {}): ReportRow => ({
    dateOfBirth: "2014-05-01",
    lookedAfterSince: "2023-01-01",
    type: "U6",
    startDate: "2024-01-01",
    previousStartDate: null,
    postcode: "E2 7AA",
    homePostcode: "E1 6AN",
    placementsInWindow: 1,
    ...o,
  });

  it("counts each measure over its own group, with percentages to 1 dp", () => {
    const r = stabilityReport(
      [
        row(), // long-term stable, near home
        row({ placementsInWindow: 3, startDate: "2026-05-01", postcode: "LU1 1AA" }), // 3+, not stable, far
        row({ dateOfBirth: "2010-12-01" }), // 16 on the day: out of the long-term group
        row({ lookedAfterSince: "2024-06-02", homePostcode: null }), // one day short of 2.5 years; no distance
      ],
      "2026-12-01",
    );
    expect(r).toMatchObject({
      asOf: "2026-12-01",
      windowFrom: "2025-12-02",
      childrenLookedAfter: 4,
      threeOrMorePlacements: 1,
      threeOrMorePlacementsPercent: 25,
      longTermEligible: 2,
      longTermStable: 1,
      longTermStablePercent: 50,
      distanceKnown: 3,
      placedOver20Miles: 1,
      placedOver20MilesPercent: 33.3,
    });
  });

  it.each<[string, Partial<ReportRow>, string, boolean, boolean]>([
    ["born 29 Feb 2012, on 28 Feb 2028: still 15, in the group", { dateOfBirth: "2012-02-29", lookedAfterSince: "2020-01-01", startDate: "2020-01-01" }, "2028-02-28", true, true],
    ["born 29 Feb 2012, on 29 Feb 2028: 16, out of it", { dateOfBirth: "2012-02-29", lookedAfterSince: "2020-01-01", startDate: "2020-01-01" }, "2028-02-29", false, false],
    ["placed for adoption: with the placement before it", { type: "A5", startDate: "2026-06-01", previousStartDate: "2024-06-01" }, "2026-12-01", true, true],
  ])("%s", (_what, o, on, eligible, stable) => {
    const r = stabilityReport([row(o)], on);
    expect([r.longTermEligible, r.longTermStable]).toEqual([eligible ? 1 : 0, stable ? 1 : 0]);
  });

  it("an empty local authority: counts 0, percentages null", () => {
    expect(stabilityReport([], "2026-12-01")).toMatchObject({ childrenLookedAfter: 0, threeOrMorePlacementsPercent: null, longTermStablePercent: null, placedOver20MilesPercent: null });
    expect(percent(2, 3)).toBe(66.7);
  });
});
