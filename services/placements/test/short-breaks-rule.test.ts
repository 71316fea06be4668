import { breakDays, busiest12Months, checkShortBreak, ShortBreak } from "../src/domain/short-breaks";

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    const x = (e as { extensions?: Record<string, unknown> }).extensions;
    return { field: x?.field, rule: x?.rule };
  }
  return null;
};
const b = (startDate: string, endDate: string): ShortBreak => ({ startDate, endDate });
const DOB = "2015-06-01";

/** Fifteen-day breaks a month apart: 15 × n days. */
const monthly = (n: number, year = 2026) => Array.from({ length: n }, (_, i) => b(`${year}-${String(i + 1).padStart(2, "0")}-01`, `${year}-${String(i + 1).padStart(2, "0")}-16`));

describe("short breaks (CPPCR 2010 reg 48): at most 17 days each, 75 days in any 12 months", () => {
  it("counts a break's days as nights away", () => {
    expect(breakDays(b("2026-12-04", "2026-12-06"))).toBe(2);
    expect(breakDays(b("2028-02-28", "2028-03-01"))).toBe(2); // across a leap day
    expect(breakDays(b("2027-02-28", "2027-03-01"))).toBe(1);
  });

  it.each<[string, ShortBreak, ShortBreak[], { field: string; rule: string } | null]>([
    ["17 days", b("2026-12-01", "2026-12-18"), [], null],
    ["18 days", b("2026-12-01", "2026-12-19"), [], { field: "input.endDate", rule: "SHORT_BREAK_AT_MOST_17_DAYS" }],
    ["ending the day it starts", b("2026-12-01", "2026-12-01"), [], { field: "input.endDate", rule: "END_AFTER_START" }],
    ["before birth", b("2015-05-30", "2015-06-02"), [], { field: "input.startDate", rule: "START_NOT_BEFORE_BIRTH" }],
    ["overlapping another", b("2026-03-10", "2026-03-20"), monthly(1, 2026).map((x) => ({ ...x, startDate: "2026-03-01", endDate: "2026-03-11" })), { field: "input.startDate", rule: "SHORT_BREAK_OVERLAP" }],
    ["a fifth 15-day break in the year: exactly 75 days", b("2026-05-01", "2026-05-16"), monthly(4), null],
    ["a sixth: 90 days", b("2026-06-01", "2026-06-16"), monthly(5), { field: "input.endDate", rule: "SHORT_BREAKS_AT_MOST_75_DAYS_IN_12_MONTHS" }],
    ["one day over: 76", b("2026-06-01", "2026-06-02"), monthly(5), { field: "input.endDate", rule: "SHORT_BREAKS_AT_MOST_75_DAYS_IN_12_MONTHS" }],
    ["the same break once the first has left the 12 months", b("2027-01-16", "2027-01-17"), monthly(5), null],
    ["a day before the first has left the 12 months", b("2026-12-31", "2027-01-01"), monthly(5), { field: "input.endDate", rule: "SHORT_BREAKS_AT_MOST_75_DAYS_IN_12_MONTHS" }],
  ])("%s", (_what, brk, others, refused) => {
    expect(refusal(() => checkShortBreak(brk, others, DOB))).toEqual(refused);
  });

  it("finds the busiest 12 months across a year end", () => {
    expect(busiest12Months([b("2026-01-01", "2026-01-16"), b("2026-12-20", "2027-01-06")])).toMatchObject({ days: 27 });
  });
});
