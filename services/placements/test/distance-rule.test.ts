import { distanceFromHome, haversineMiles, outwardCode } from "../src/domain/distance";
import { OUTWARD_CODE_CENTROIDS } from "../src/domain/postcodes/outward-code-centroids";

describe("haversine miles (pure)", () => {
  it.each<[string, [number, number], [number, number], number]>([
    ["the same point", [51.5, -0.1], [51.5, -0.1], 0],
    ["one degree of latitude", [0, 0], [1, 0], 69.09],
    ["one degree of longitude on the equator", [0, 0], [0, 1], 69.09],
    ["one degree of longitude at 60°N is half as far", [60, 0], [60, 1], 34.54],
  ])("%s", (_what, a, b, miles) => {
    expect(haversineMiles(a, b)).toBeCloseTo(miles, 1);
  });
});

describe("outward codes", () => {
  it.each([
    ["E1 6AN", "E1"],
    ["sw1a1aa", "SW1A"],
    [" tw9  1aa ", "TW9"],
    ["CF10 1AA", "CF10"],
    ["B1", "B1"],
    ["not a postcode", null],
    ["", null],
  ])("%s → %s", (postcode, code) => {
    expect(outwardCode(postcode)).toBe(code);
  });

  it("every stand-in entry is a valid outward code with a point in Great Britain", () => {
    for (const [code, [lat, lon]] of Object.entries(OUTWARD_CODE_CENTROIDS)) {
      expect(outwardCode(code)).toBe(code);
      expect(lat).toBeGreaterThan(49.8);
      expect(lat).toBeLessThan(61);
      expect(lon).toBeGreaterThan(-8.7);
      expect(lon).toBeLessThan(1.8);
    }
  });
});

describe("distance from home (DfE: placed more than 20 miles away), never a wrong number", () => {
  it.each<[string, string | null, string | null, number | null, boolean | null, string]>([
    ["across east London", "E1 6AN", "E2 7AA", 0.8, false, "districts E1 (home) and E2 (placement)"],
    ["London to Birmingham", "E1 6AN", "B1 1AA", 102.9, true, "more than 20 miles"],
    ["Tower Hamlets to Luton: just over the line", "E1 6AN", "LU1 1AA", 29.1, true, "more than 20 miles"],
    ["Tower Hamlets to Croydon: within it", "E1 6AN", "CR0 1AA", 10, false, "not more than 20 miles"],
    ["no home postcode", null, "E2 7AA", null, null, "no home postcode recorded"],
    ["no placement postcode", "E1 6AN", null, null, null, "no placement postcode recorded"],
    ["a district not in the stand-in table", "ZE1 0AA", "E2 7AA", null, null, "district ZE1 is not in the stand-in table"],
  ])("%s", (_what, home, placed, miles, over, words) => {
    const d = distanceFromHome(home, placed);
    expect(d.miles).toBe(miles);
    expect(d.over20Miles).toBe(over);
    expect("workings" in d ? d.workings : d.reason).toContain(words);
  });
});
