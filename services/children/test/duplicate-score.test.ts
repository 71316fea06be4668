import { GraphQLError } from "graphql";
import { candidateDates, Identifying, POINTS, scoreDuplicate, THRESHOLD } from "../src/domain/duplicate-score";
import { nameVariant } from "../src/domain/names";
import { checkNhsNumber, nhsCheckDigit, validNhsNumber } from "../src/domain/nhs-number";

const base: Identifying = { firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2014-03-05", nhsNumber: null, upn: null };
const other = (changes: Partial<Identifying>): Identifying => ({ ...base, firstName: "Ada", lastName: "Lovelace", dateOfBirth: "2010-11-20", ...changes });

describe("duplicate score: each reason says what matched and its points", () => {
  it.each<[string, Partial<Identifying>, Partial<Identifying>, number, string[]]>([
    ["nothing alike", {}, {}, 0, []],
    ["same NHS number alone", { nhsNumber: "9434765919" }, { nhsNumber: "9434765919" }, 60, ["NHS number matches (+60)"]],
    ["different NHS numbers count against", { nhsNumber: "9434765919" }, { nhsNumber: "4010232137", dateOfBirth: "2014-03-05" }, 0, ["NHS numbers differ (−30)", "date of birth matches (+30)"]],
    ["one NHS number missing: no points either way", { nhsNumber: "9434765919" }, {}, 0, []],
    ["same UPN, case ignored", { upn: "A123456789012" }, { upn: "a123456789012" }, 50, ["UPN matches (+50)"]],
    ["same name and date of birth", {}, { firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2014-03-05" }, 65, ["date of birth matches (+30)", "last name matches (+20)", "first name matches (+15)"]],
    ["accents and case ignored", { firstName: "Zoë", lastName: "Brontë" }, { firstName: "ZOE", lastName: "bronte", dateOfBirth: "2014-03-05" }, 65, ["date of birth matches (+30)", "last name matches (+20)", "first name matches (+15)"]],
    ["day and month swapped (5 March / 3 May)", {}, { firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2014-05-03" }, 55, ["date of birth matches with day and month swapped (+20)", "last name matches (+20)", "first name matches (+15)"]],
    ["one digit off in the year", {}, { firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2015-03-05" }, 50, ["date of birth one digit different (+15)", "last name matches (+20)", "first name matches (+15)"]],
    ["Smith / Smyth a variant; Jon / John too short to be one", { firstName: "Jon", lastName: "Smith" }, { firstName: "John", lastName: "Smyth", dateOfBirth: "2014-03-05" }, 42, ["date of birth matches (+30)", "last name is a spelling variant (+12)"]],
    ["first name variant (transposed letters)", { firstName: "Claire" }, { firstName: "Cliare", lastName: "Copperfield", dateOfBirth: "2014-03-05" }, 58, ["date of birth matches (+30)", "last name matches (+20)", "first name is a spelling variant (+8)"]],
    ["double-barrelled last name", { lastName: "O'Brien-Smith" }, { firstName: "Callum", lastName: "Smith", dateOfBirth: "2014-03-05" }, 57, ["date of birth matches (+30)", "last name is a spelling variant (+12)", "first name matches (+15)"]],
    ["first and last names swapped", {}, { firstName: "Copperfield", lastName: "Callum", dateOfBirth: "2014-03-05" }, 55, ["date of birth matches (+30)", "first and last names swapped (+25)"]],
    ["twins: same last name and birthday, different first name", {}, { firstName: "Agnes", lastName: "Copperfield", dateOfBirth: "2014-03-05" }, 50, ["date of birth matches (+30)", "last name matches (+20)"]],
    ["leap day, one digit off (29 Feb 2016 / 29 Feb 2012)", { dateOfBirth: "2016-02-29" }, { firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2012-02-29" }, 50, ["date of birth one digit different (+15)", "last name matches (+20)", "first name matches (+15)"]],
    ["two digits off is no match", {}, { firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2014-04-06" }, 35, ["last name matches (+20)", "first name matches (+15)"]],
  ])("%s", (_, a, b, score, reasons) => {
    expect(scoreDuplicate({ ...base, ...a }, other(b))).toEqual({ score, reasons });
  });

  it("the points in a reason are the points scored", () => {
    const all = scoreDuplicate({ ...base, nhsNumber: "9434765919", upn: "A123456789012" }, { ...base, nhsNumber: "9434765919", upn: "A123456789012" });
    const sum = all.reasons.reduce((n, r) => n + Number(/\(\+(\d+)\)$/.exec(r)?.[1]), 0);
    expect(all.score).toBe(sum);
    expect(all.score).toBe(POINTS.nhsNumber + POINTS.upn + POINTS.dateOfBirth + POINTS.lastName + POINTS.firstName);
  });

  it("names alone, or a date of birth alone, never reach the threshold (so the query may fetch only near dates and identifiers)", () => {
    expect(POINTS.lastName + POINTS.firstName).toBeLessThan(THRESHOLD);
    expect(POINTS.namesSwapped).toBeLessThan(THRESHOLD);
    expect(POINTS.dateOfBirth).toBeLessThan(THRESHOLD);
    expect(POINTS.nhsNumber).toBeGreaterThanOrEqual(THRESHOLD);
    expect(POINTS.upn).toBeGreaterThanOrEqual(THRESHOLD);
  });
});

describe("dates of birth a candidate may have", () => {
  it("include the date, the swap and every real date one digit away, and no impossible date", () => {
    const dates = candidateDates("2014-03-05");
    expect(dates).toEqual(expect.arrayContaining(["2014-03-05", "2014-05-03", "2015-03-05", "2014-03-25", "2014-08-05"]));
    expect(dates).not.toContain("2014-03-45");
    expect(dates).not.toContain("2014-13-05");
    expect(new Set(dates).size).toBe(dates.length);
  });

  it("29 February one digit off lands only on leap years; no swap when the day is over 12", () => {
    const dates = candidateDates("2016-02-29");
    expect(dates).toContain("2012-02-29");
    expect(dates).not.toContain("2015-02-29");
    expect(dates).not.toContain("2016-29-02");
  });

  it("a date whose day and month are the same has no separate swap", () => {
    expect(candidateDates("2014-04-04").filter((d) => d === "2014-04-04")).toHaveLength(1);
  });
});

describe("spelling variants of a name", () => {
  it.each([
    ["Smith", "Smyth", true],
    ["Jon", "John", false], // under four letters: exact only
    ["John", "Jonh", true],
    ["Claire", "Clare", true],
    ["Copperfield", "Coperfeild", false], // two edits
    ["O'Brien-Smith", "Smith", true],
    ["Obrien", "O'Brien", true],
    ["Amy", "Ami", false],
    ["Ada", "Ava", false],
    ["Lukasz", "Łukasz", true],
  ])("%s / %s: %s", (a, b, expected) => {
    expect(nameVariant(a, b)).toBe(expected);
    expect(nameVariant(b, a)).toBe(expected);
  });
});

describe("NHS number (modulus 11 check digit)", () => {
  const rule = (value: string) => {
    try {
      return checkNhsNumber("input.nhsNumber", value);
    } catch (e) {
      if (e instanceof GraphQLError) return `${e.extensions.field} ${e.extensions.rule}`;
      throw e;
    }
  };

  it.each([
    ["9434765919", "9434765919"],
    ["943 476 5919", "9434765919"],
    ["401-023-2137", "4010232137"],
    ["1234567830", "1234567830"], // remainder 0: 11 − 0 = 11 counts as check digit 0
    ["", null],
    ["9434765918", "input.nhsNumber NHS_NUMBER_CHECK_DIGIT"],
    ["1234567890", "input.nhsNumber NHS_NUMBER_CHECK_DIGIT"], // check digit would be 10: no valid number
    ["943476591", "input.nhsNumber NHS_NUMBER_FORMAT"],
    ["94347659190", "input.nhsNumber NHS_NUMBER_FORMAT"],
    ["943476591X", "input.nhsNumber NHS_NUMBER_FORMAT"],
  ])("%j: %s", (value, expected) => {
    expect(rule(value)).toBe(expected);
  });

  it("weights 10 down to 2; 11 is 0 and 10 is no valid number", () => {
    expect(nhsCheckDigit("943476591")).toBe(9);
    expect(nhsCheckDigit("123456783")).toBe(0);
    expect(nhsCheckDigit("123456789")).toBeNull();
    expect(validNhsNumber("1234567890")).toBe(false);
  });
});
