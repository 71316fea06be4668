import { annualReviewDue, matchVacancy, VacancyFacts } from "../src/domain/matching";

const vacancy = (v: Partial<VacancyFacts> = {}): VacancyFacts => ({ ageFrom: 5, ageTo: 15, places: 1, ofstedRating: null, carerReviewDue: null, carerMaxChildren: null, ...v });

describe("a foster carer's annual review (Fostering Services (England) Regulations 2011 reg 28)", () => {
  it.each([
    ["a year after approval", "2026-01-05", null, "2027-01-05"],
    ["a year after the last review", "2020-01-05", "2026-03-01", "2027-03-01"],
    ["approved on a leap day: the month's last day", "2028-02-29", null, "2029-02-28"],
  ])("%s", (_what, approvedOn, lastReviewedOn, due) => {
    expect(annualReviewDue(approvedOn, lastReviewedOn).date).toBe(due);
  });
});

describe("matching a vacancy to a child: decision support with its reasons", () => {
  const DOB = "2014-05-01"; // 12 on 2026-12-22
  it.each<[string, VacancyFacts, number | null, string[]]>([
    ["within the age range", vacancy(), 50, ["aged 12, within the vacancy's age range 5–15 (+50)"]],
    ["too old for the range", vacancy({ ageTo: 11 }), null, []],
    ["too young", vacancy({ ageFrom: 13 }), null, []],
    ["an outstanding home", vacancy({ ofstedRating: "OUTSTANDING" }), 70, ["aged 12, within the vacancy's age range 5–15 (+50)", "Ofsted outstanding (+20)"]],
    ["an inadequate home", vacancy({ ofstedRating: "INADEQUATE" }), 0, ["aged 12, within the vacancy's age range 5–15 (+50)", "Ofsted inadequate (-50)"]],
    ["a carer with an in-date review and room for a sibling", vacancy({ carerReviewDue: "2027-01-05", places: 2 }), 65, [
      "aged 12, within the vacancy's age range 5–15 (+50)",
      "the carer's approval is in date, reviewed by 2027-01-05 (+10)",
      "2 places (room for a sibling) (+5)",
    ]],
    ["a carer whose review is overdue", vacancy({ carerReviewDue: "2026-12-21" }), 30, [
      "aged 12, within the vacancy's age range 5–15 (+50)",
      "the carer's annual review was due 2026-12-21 (reg 28) and is overdue (-20)",
    ]],
  ])("%s", (_what, v, score, reasons) => {
    const m = matchVacancy(DOB, v, "2026-12-22");
    if (score === null) expect(m).toBeNull();
    else expect(m).toEqual({ score, reasons: [...reasons, "distance from home unknown: no home postcode recorded (0)"] });
  });

  it("on the 16th birthday a 5–15 vacancy no longer matches", () => {
    expect(matchVacancy("2010-12-22", vacancy(), "2026-12-21")).not.toBeNull();
    expect(matchVacancy("2010-12-22", vacancy(), "2026-12-22")).toBeNull();
  });
});

describe("matching: siblings placed together and distance from home, each with its points and reason", () => {
  const DOB = "2014-05-01";
  const AGE = "aged 12, within the vacancy's age range 5–15 (+50)";
  it.each<[string, Partial<VacancyFacts>, { homePostcode: string | null; siblings: number; siblingsMatchedHere: number }, number, string[]]>([
    ["a sibling already matched with this carer, near home", { postcode: "E2 7AA" }, { homePostcode: "E1 6AN", siblings: 1, siblingsMatchedHere: 1 }, 90, [
      AGE,
      "placed together with 1 sibling already matched with this carer or home (+25)",
      "0.8 miles from home, within 20 (+15)",
    ]],
    ["siblings known, none here; far from home", { postcode: "B1 1AA" }, { homePostcode: "E1 6AN", siblings: 2, siblingsMatchedHere: 0 }, 35, [
      AGE,
      "2 siblings known, none matched with this carer or home (0)",
      "102.9 miles from home, more than 20 (-15)",
    ]],
    ["a district not in the stand-in table: no distance, no points", { postcode: "ZE1 0AA" }, { homePostcode: "E1 6AN", siblings: 0, siblingsMatchedHere: 0 }, 50, [
      AGE,
      "distance from home unknown: the placement postcode's district ZE1 is not in the stand-in table of about 60 postcode districts, approximate centroids (not ONSPD) (0)",
    ]],
    ["no vacancy postcode", {}, { homePostcode: "E1 6AN", siblings: 0, siblingsMatchedHere: 0 }, 50, [AGE, "distance from home unknown: no placement postcode recorded (0)"]],
  ])("%s", (_what, v, child, score, reasons) => {
    expect(matchVacancy(DOB, vacancy(v), "2026-12-22", child)).toEqual({ score, reasons });
  });
});
