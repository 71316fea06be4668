import { ageOn, birthday } from "../../src/calendar";

describe("birthday: the day a person reaches an age", () => {
  it.each([
    ["2010-06-15", 16, "2026-06-15"],
    ["2008-02-29", 18, "2026-03-01"], // a common year: 1 March
    ["2008-02-29", 20, "2028-02-29"], // a leap year: the day itself
    ["2010-12-31", 21, "2031-12-31"],
  ])("born %s, aged %i on %s — and ageOn agrees the day before and the day of", (dob, age, day) => {
    expect(birthday(dob, age)).toBe(day);
    const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(ageOn(dob, before)).toBe(age - 1);
    expect(ageOn(dob, day)).toBe(age);
  });
});
