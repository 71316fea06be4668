import { checkIntervalMs } from "../src/daily-check";

describe("LEAVING_CARE_CHECK_INTERVAL_MS", () => {
  it("defaults to hourly (each child is still worked out at most once a day)", () => {
    expect(checkIntervalMs({})).toBe(3_600_000);
  });
  it("takes a whole number of milliseconds", () => {
    expect(checkIntervalMs({ LEAVING_CARE_CHECK_INTERVAL_MS: "60000" })).toBe(60_000);
  });
  it.each(["soon", "10", "1.5e3x"])("refuses %j, naming the variable", (v) => {
    expect(() => checkIntervalMs({ LEAVING_CARE_CHECK_INTERVAL_MS: v })).toThrow(/LEAVING_CARE_CHECK_INTERVAL_MS/);
  });
});
