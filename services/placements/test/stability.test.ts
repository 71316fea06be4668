import { placementsInLast12Months, StayPeriod, stabilityOn, twelveMonthsEndingOn } from "../src/domain/stability";

const stay = (startDate: string, endDate: string | null, type: StayPeriod["type"] = "U6", previousStartDate: string | null = null): StayPeriod => ({
  type,
  startDate,
  endDate,
  previousStartDate,
});

describe("the 12 months ending on a day", () => {
  it.each([
    ["2026-12-01", "2025-12-02"],
    ["2028-02-29", "2027-03-01"], // a leap day: a year earlier is 28 Feb (the month's last day), so the window opens 1 Mar
    ["2029-02-28", "2028-02-29"], // the window opens on the leap day
    ["2027-03-01", "2026-03-02"],
    ["2027-01-01", "2026-01-02"],
  ])("ending %s opens on %s", (on, from) => {
    expect(twelveMonthsEndingOn(on)).toEqual({ from, to: on });
  });
});

describe("placements in the last 12 months (a placement counts if the child lived there on a day of the window)", () => {
  it.each<[string, StayPeriod[], string, number]>([
    ["one open placement", [stay("2020-01-01", null)], "2026-12-01", 1],
    ["a placement left on the window's first day (the child slept elsewhere that night) is out", [stay("2025-01-01", "2025-12-02")], "2026-12-01", 0],
    ["a placement left the day after the window opened is in", [stay("2025-01-01", "2025-12-03")], "2026-12-01", 1],
    ["a placement starting after the day is not yet counted", [stay("2026-12-02", null)], "2026-12-01", 0],
    ["a placement starting on the day counts", [stay("2026-12-01", null)], "2026-12-01", 1],
    ["a same-day placement on the window's first day counts", [stay("2025-12-02", "2025-12-02")], "2026-12-01", 1],
    ["a same-day placement the day before the window does not", [stay("2025-12-01", "2025-12-01")], "2026-12-01", 0],
    [
      "three moves in the year",
      [stay("2024-01-01", "2026-01-10"), stay("2026-01-10", "2026-05-01"), stay("2026-05-01", null)],
      "2026-12-01",
      3,
    ],
    [
      "the same history a year on: only the one open placement",
      [stay("2024-01-01", "2026-01-10"), stay("2026-01-10", "2026-05-01"), stay("2026-05-01", null)],
      "2027-12-01",
      1,
    ],
    ["leap day: ended 1 Mar 2027, window ending 29 Feb 2028 opens 1 Mar: out", [stay("2026-06-01", "2027-03-01")], "2028-02-29", 0],
    ["leap day: ended 2 Mar 2027, in", [stay("2026-06-01", "2027-03-02")], "2028-02-29", 1],
    ["window opening on 29 Feb 2028: a placement left that day is out", [stay("2027-06-01", "2028-02-29")], "2029-02-28", 0],
    ["temporary placements count too (see countsAsPlacement)", [stay("2026-03-01", "2026-03-05", "T4"), stay("2026-03-05", null)], "2026-12-01", 2],
  ])("%s", (_what, placements, on, n) => {
    expect(placementsInLast12Months(placements, on)).toBe(n);
  });
});

describe("long-term stability: under 16, looked after at least 2.5 years, in the same placement at least 2 years", () => {
  const DOB = "2014-05-01";
  it.each<[string, string, string | null, StayPeriod[], string, boolean]>([
    ["all three met", DOB, "2023-01-01", [stay("2024-01-01", null)], "2026-12-01", true],
    ["looked after exactly 2.5 years (30 months) on the day", DOB, "2024-06-01", [stay("2024-06-01", null)], "2026-12-01", true],
    ["looked after one day short of 2.5 years", DOB, "2024-06-02", [stay("2024-06-02", null)], "2026-12-01", false],
    ["placed exactly 2 years on the day", DOB, "2023-01-01", [stay("2023-01-01", "2024-12-01"), stay("2024-12-01", null)], "2026-12-01", true],
    ["placed one day short of 2 years", DOB, "2023-01-01", [stay("2023-01-01", "2024-12-02"), stay("2024-12-02", null)], "2026-12-01", false],
    ["placed on 29 Feb 2024: 2 years are up on 28 Feb 2026", DOB, "2023-01-01", [stay("2024-02-29", null)], "2026-02-28", true],
    ["placed on 29 Feb 2024: not on 27 Feb 2026", DOB, "2023-01-01", [stay("2024-02-29", null)], "2026-02-27", false],
    ["the day before the 16th birthday", "2010-12-02", "2020-01-01", [stay("2020-01-01", null)], "2026-12-01", true],
    ["on the 16th birthday the measure no longer applies", "2010-12-01", "2020-01-01", [stay("2020-01-01", null)], "2026-12-01", false],
    ["born on 29 Feb 2012: 15 on 28 Feb 2028", "2012-02-29", "2020-01-01", [stay("2020-01-01", null)], "2028-02-28", true],
    ["born on 29 Feb 2012: 16 on 29 Feb 2028", "2012-02-29", "2020-01-01", [stay("2020-01-01", null)], "2028-02-29", false],
    ["no current placement", DOB, "2023-01-01", [stay("2023-01-01", "2026-11-01")], "2026-12-01", false],
    ["not looked after", DOB, null, [stay("2023-01-01", null)], "2026-12-01", false],
    [
      "placed for adoption: the adoptive placement with the one before it last 2 years",
      DOB,
      "2023-01-01",
      [stay("2024-06-01", "2026-06-01"), stay("2026-06-01", null, "A5", "2024-06-01")],
      "2026-12-01",
      true,
    ],
    [
      "a foster placement after a move does not add the one before it",
      DOB,
      "2023-01-01",
      [stay("2024-06-01", "2026-06-01"), stay("2026-06-01", null, "U4", "2024-06-01")],
      "2026-12-01",
      false,
    ],
  ])("%s", (_what, dob, lookedAfterSince, placements, on, stable) => {
    expect(stabilityOn(dob, lookedAfterSince, placements, on).longTermStable).toBe(stable);
  });

  it("shows its workings", () => {
    const s = stabilityOn(DOB, "2023-01-01", [stay("2023-01-01", "2026-01-10"), stay("2026-01-10", "2026-05-01"), stay("2026-05-01", null)], "2026-12-01");
    expect(s).toMatchObject({ asOf: "2026-12-01", placementsInLast12Months: 3, threeOrMorePlacements: true, longTermStable: false });
    expect(s.workings).toEqual([
      "3 placements between 2 Dec 2025 and 1 Dec 2026 (three or more is the DfE short-term instability measure)",
      "aged 12 on 1 Dec 2026 (long-term stability is measured for children under 16)",
      "looked after since 1 Jan 2023: at least 2.5 years",
      "in the same placement since 1 May 2026: less than 2 years",
      "distance from home unknown: no home postcode recorded",
    ]);
  });
});
