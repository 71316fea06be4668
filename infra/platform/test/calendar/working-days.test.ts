import {
  addMonths,
  ageOn,
  startOfDayInEngland,
  easterSunday,
  isBankHoliday,
  isWorkingDay,
  projectedBankHolidays,
  workingDaysAfter,
  workingDaysBetween,
} from "../../src/calendar";
import published from "../../src/calendar/bank-holidays-england-and-wales.json";

describe("working days (England & Wales)", () => {
  it("skips weekends: 20 working days after Monday 2 November 2026 is Monday 30 November", () => {
    expect(workingDaysAfter("2026-11-02", 20)).toBe("2026-11-30");
  });

  it("counts from the day after: 1 working day after a Friday is the Monday", () => {
    expect(workingDaysAfter("2026-11-20", 1)).toBe("2026-11-23");
  });

  it("a looked-after review due over Easter 2026 skips Good Friday and Easter Monday", () => {
    // Looked after from Wed 25 March 2026; 3 April (Good Friday) and 6 April (Easter Monday) don't count.
    expect(workingDaysAfter("2026-03-25", 20)).toBe("2026-04-24");
    expect(isWorkingDay("2026-04-03")).toBe(false);
    expect(isWorkingDay("2026-04-06")).toBe(false);
  });

  it("an IHA due over Christmas 2026 skips Christmas Day and the substitute Boxing Day (Mon 28th)", () => {
    // From Fri 11 Dec 2026: 14–24 Dec (9), 29–31 Dec (12), 4–8 Jan (17), 11–13 Jan (20).
    expect(workingDaysAfter("2026-12-11", 20)).toBe("2027-01-13");
    expect(isWorkingDay("2026-12-25")).toBe(false);
    expect(isWorkingDay("2026-12-28")).toBe(false);
    expect(isWorkingDay("2027-01-01")).toBe(false);
  });

  it("treats the one-off 2022 Jubilee and 2023 Coronation holidays as non-working days", () => {
    expect(isWorkingDay("2022-06-02")).toBe(false);
    expect(isWorkingDay("2022-06-03")).toBe(false);
    expect(isWorkingDay("2023-05-08")).toBe(false);
    expect(workingDaysAfter("2022-06-01", 1)).toBe("2022-06-06");
  });

  it("a referral decision due 1 working day after Christmas Eve 2025 falls on Monday 29 December", () => {
    expect(workingDaysAfter("2025-12-24", 1)).toBe("2025-12-29");
  });

  it("the New Year holiday moves to Monday when 1 January is a weekend (2022)", () => {
    expect(isBankHoliday("2022-01-03")).toBe(true);
    expect(workingDaysAfter("2021-12-31", 1)).toBe("2022-01-04");
  });

  it("counts working days between two dates, and the count inverts workingDaysAfter", () => {
    expect(workingDaysBetween("2026-03-25", "2026-04-24")).toBe(20);
    expect(workingDaysBetween("2026-04-24", "2026-03-25")).toBe(-20);
    for (const start of ["2025-12-19", "2026-03-31", "2027-03-24"]) {
      expect(workingDaysBetween(start, workingDaysAfter(start, 45))).toBe(45);
    }
  });

  it("rejects a negative or fractional number of working days", () => {
    expect(() => workingDaysAfter("2026-01-05", -1)).toThrow(RangeError);
    expect(() => workingDaysAfter("2026-01-05", 1.5)).toThrow(RangeError);
  });
});

describe("bank holidays beyond the published list", () => {
  it("finds Easter Sunday by the Gregorian rule", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2028)).toBe("2028-04-16");
  });

  it("the statutory projection reproduces gov.uk's list for 2024–2027 (years without one-offs)", () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const govUk = published.dates.filter((d) => d.startsWith(`${year}-`));
      expect(projectedBankHolidays(year)).toEqual(govUk);
    }
  });

  it("projects Christmas 2028 (Monday, Tuesday) and Easter 2028 for due dates past 2027", () => {
    expect(isBankHoliday("2028-04-14")).toBe(true); // Good Friday
    expect(isBankHoliday("2028-04-17")).toBe(true); // Easter Monday
    expect(isBankHoliday("2028-12-25")).toBe(true);
    expect(isBankHoliday("2028-12-26")).toBe(true);
  });
});

describe("calendar months and ages", () => {
  it("clamps to the end of a shorter month", () => {
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-01-15", 12)).toBe("2027-01-15");
  });

  it("a child is 4 the day before their fifth birthday and 5 on it", () => {
    expect(ageOn("2021-11-21", "2026-11-20")).toBe(4);
    expect(ageOn("2021-11-21", "2026-11-21")).toBe(5);
  });
});

describe("startOfDayInEngland", () => {
  it.each([
    ["2026-01-15", "2026-01-15T00:00:00.000Z"], // GMT
    ["2026-07-01", "2026-06-30T23:00:00.000Z"], // BST
    ["2026-03-29", "2026-03-29T00:00:00.000Z"], // the clocks go forward at 01:00 GMT: the day began in GMT
    ["2026-03-30", "2026-03-29T23:00:00.000Z"],
    ["2026-10-25", "2026-10-24T23:00:00.000Z"], // the clocks go back at 01:00 GMT: the day began in BST
    ["2026-10-26", "2026-10-26T00:00:00.000Z"],
  ])("%s begins at %s", (date, instant) => {
    expect(startOfDayInEngland(date).toISOString()).toBe(instant);
  });
});
