import { birthday } from "../src/domain/ages";
import { consentBasis, consentProblem, heldParentalResponsibility, parentProblem } from "../src/domain/consent";
import { dentalCheckIntervalMonths, nextDentalCheckDue } from "../src/domain/dental-checks";
import { nextOpticianCheckDue } from "../src/domain/optician-checks";
import { vaccineNamed } from "../src/domain/immunisation-schedule";
import { immunisationProblem, immunisationsUpToDate, outstandingDoses } from "../src/domain/immunisations";
import { firstSdqDue, nextSdqDue, sdqAgeApplies, sdqProblem } from "../src/domain/sdq";

describe("birthdays", () => {
  it.each([
    ["2012-03-03", 16, "2028-03-03"],
    ["2012-02-29", 16, "2028-02-29"], // a leap year: the day itself
    ["2012-02-29", 17, "2029-03-01"], // a common year: 1 March, the day ageOn first says 17
    ["2022-02-28", 4, "2026-02-28"],
  ])("a child born %s is %i on %s", (dob, years, on) => expect(birthday(dob, years)).toBe(on));
});

describe("immunisations against the routine schedule", () => {
  const infantCourse = (dob: string) => [
    ...["2024-10-28", "2024-11-25", "2024-12-23"].map((givenOn) => ({ vaccine: "6-in-1", givenOn })),
    { vaccine: "Rotarix", givenOn: "2024-10-28" },
    { vaccine: "Rotavirus", givenOn: "2024-11-25" },
    { vaccine: "Bexsero", givenOn: "2024-10-28" },
    { vaccine: "MenB", givenOn: "2024-12-23" },
    { vaccine: "PCV", givenOn: "2024-12-23" },
  ].map((g) => ({ ...g, dob }));

  it.each([
    ["a newborn has nothing due", "2026-11-20", [], "2026-12-01", []],
    ["8 weeks old: the first 6-in-1, rotavirus and MenB are due that day", "2026-10-06", [], "2026-12-01", ["6-in-1 1", "Rotavirus 1", "MenB 1"]],
    ["the day before 8 weeks: nothing yet", "2026-10-07", [], "2026-12-01", []],
    ["a baby born 2 Sep 2024 with the infant course, at 11 months", "2024-09-02", infantCourse("2024-09-02"), "2025-08-01", []],
    ["the same child on the 1st birthday: MenB 3, PCV 2 and MMR 1 due (no Hib/MenC for this cohort)", "2024-09-02", infantCourse("2024-09-02"), "2025-09-02", ["MenB 3", "PCV 2", "MMR 1"]],
    ["a child who missed rotavirus is not behind after 24 weeks (it cannot be caught up)", "2024-09-02", infantCourse("2024-09-02").filter((g) => !/rota/i.test(g.vaccine)), "2025-08-01", []],
  ])("%s", (_, dob, given, on, missing) => {
    expect(outstandingDoses(dob, given, on).map((d) => `${d.vaccine} ${d.dose}`)).toEqual(missing);
  });

  /** Everything an older child (born before July 2024) should have had by 15. */
  const older = [
    ...[1, 2, 3].map(() => "6-in-1"),
    ...[1, 2, 3].map(() => "MenB"),
    "PCV",
    "PCV",
    "Hib/MenC",
    "MMR",
    "MMRV",
    "4-in-1",
    "Gardasil",
    "Td/IPV",
    "MenACWY",
  ].map((vaccine) => ({ vaccine, givenOn: "2020-01-01" }));

  it.each([
    ["born 29 Feb 2012, every routine dose: up to date at 15", "2012-02-29", older, "2027-03-01", true],
    ["without the second MMR", "2012-02-29", older.filter((g) => g.vaccine !== "MMRV"), "2027-03-01", false],
    ["without MenACWY the day before the 15th birthday (1 Mar in a common year): still in year 9", "2012-02-29", older.filter((g) => g.vaccine !== "MenACWY"), "2027-02-28", true],
    ["without MenACWY on the 15th birthday", "2012-02-29", older.filter((g) => g.vaccine !== "MenACWY"), "2027-03-01", false],
    ["a dose given after the day asked about does not count then", "2012-03-03", older.map((g) => ({ ...g, givenOn: "2027-06-01" })), "2027-05-01", false],
  ])("%s", (_, dob, given, on, upToDate) => expect(immunisationsUpToDate(dob, given, on)).toBe(upToDate));

  it("the older cohort's second MMR is due at 3 years 4 months, the new cohort's at 18 months", () => {
    const mmr1 = (dob: string) => outstandingDoses(dob, [], "2030-01-01").filter((d) => d.vaccine === "MMR").map((d) => d.dueOn);
    expect(mmr1("2024-06-30")).toEqual(["2025-06-30", "2027-10-30"]);
    expect(mmr1("2024-07-01")).toEqual(["2025-07-01", "2026-01-01", "2027-11-01"]); // and MMRV at 3y4m (below)
  });

  it("the July 2025 infant change goes by the 12-week appointment: born 8 April 2025 or later, MenB at 12 and PCV at 16 weeks", () => {
    const due = (dob: string, vaccine: string) => outstandingDoses(dob, [], "2030-01-01").filter((d) => d.vaccine === vaccine).map((d) => d.dueOn);
    expect(due("2025-04-07", "MenB")).toEqual(["2025-06-02", "2025-07-28", "2026-04-07"]);
    expect(due("2025-04-07", "PCV")).toEqual(["2025-06-30", "2026-04-07"]);
    expect(due("2025-04-08", "MenB")).toEqual(["2025-06-03", "2025-07-01", "2026-04-08"]);
    expect(due("2025-04-08", "PCV")).toEqual(["2025-07-29", "2026-04-08"]);
  });

  it("children born July to December 2024 have a third MMR-containing dose (MMRV) at 3 years 4 months; from 2025, two", () => {
    const mmr = (dob: string) => outstandingDoses(dob, [], "2030-01-01").filter((d) => d.vaccine === "MMR").map((d) => `${d.dose} ${d.dueOn}`);
    expect(mmr("2024-10-01")).toEqual(["1 2025-10-01", "2 2026-04-01", "3 2028-02-01"]);
    expect(mmr("2024-12-31")).toEqual(["1 2025-12-31", "2 2026-06-30", "3 2028-04-30"]);
    expect(mmr("2025-01-01")).toEqual(["1 2026-01-01", "2 2026-07-01"]);
  });

  it.each([
    ["mmr", "MMR"],
    ["Priorix", "MMR"],
    ["Infanrix hexa", "6-in-1"],
    ["Td/IPV", "3-in-1"],
    ["Hepatitis A", null],
  ])("%s is recorded as %s", (recorded, name) => expect(vaccineNamed(recorded)).toBe(name));

  it.each([
    [" ", "2026-11-01", "input.vaccine", "REQUIRED"],
    ["MMR", "2026-12-02", "input.givenOn", "NOT_IN_FUTURE"],
    ["MMR", "2019-12-31", "input.givenOn", "NOT_BEFORE_BIRTH"],
  ])("refuses %j given on %s naming %s / %s", (vaccine, givenOn, field, rule) => {
    expect(immunisationProblem(vaccine, givenOn, "2020-01-01", "2026-12-01")?.slice(0, 2)).toEqual([field, rule]);
  });
});

describe("dental checks", () => {
  it.each([
    // tenant, date of birth, last check, due, why
    ["E09000027", "2023-06-01", "2026-01-10", "2027-01-10", "12 months, whatever the age, where the tenant keeps to yearly"],
    ["E08000025", "2023-06-01", "2026-01-10", "2026-07-10", "6 months for an under-5 where the tenant chooses"],
    ["E08000025", "2021-01-10", "2026-01-09", "2026-07-09", "the day before the 5th birthday: still under 5"],
    ["E08000025", "2021-01-10", "2026-01-10", "2027-01-10", "on the 5th birthday: 12 months"],
    ["E09000027", "2015-05-05", "2024-02-29", "2025-02-28", "a check on 29 February: the next on 28 February"],
    ["E08000025", "2022-01-01", "2025-08-31", "2026-02-28", "31 August + 6 months: the month's last day"],
  ])("%s, born %s, checked %s: next due %s (%s)", (tenant, dob, last, due) => {
    expect(nextDentalCheckDue(tenant, dob, last).date).toBe(due);
  });

  it("the workings say how, and why 6 months", () => {
    expect(nextDentalCheckDue("E08000025", "2023-06-01", "2026-01-10").workings).toBe(
      "6 months after the last dental check on 10 Jan 2026 (under 5 at that check: this local authority checks under-5s every 6 months)",
    );
    expect(dentalCheckIntervalMonths("E09000027", 3)).toBe(12);
  });
});

describe("the Strengths and Difficulties Questionnaire", () => {
  it.each([
    ["2022-12-01", "2026-11-30", false, "the day before the 4th birthday"],
    ["2022-12-01", "2026-12-01", true, "on the 4th birthday"],
    ["2010-12-01", "2027-11-30", true, "16, the day before the 17th birthday"],
    ["2010-12-01", "2027-12-01", false, "on the 17th birthday"],
    ["2012-02-29", "2016-02-29", true, "born on a leap day, 4 on 29 Feb 2016"],
    ["2012-02-29", "2029-02-28", true, "born on a leap day: still 16 on 28 Feb 2029"],
    ["2012-02-29", "2029-03-01", false, "born on a leap day: 17 on 1 Mar 2029"],
  ])("born %s, on %s: %s (%s)", (dob, on, applies) => expect(sdqAgeApplies(dob, on)).toBe(applies));

  it.each([
    [41, "2026-06-01", "input.score", "SDQ_SCORE_RANGE"],
    [-1, "2026-06-01", "input.score", "SDQ_SCORE_RANGE"],
    [12.5, "2026-06-01", "input.score", "SDQ_SCORE_RANGE"],
    [12, "2026-12-02", "input.completedOn", "NOT_IN_FUTURE"],
    [12, "2024-01-01", "input.completedOn", "SDQ_AGE_4_TO_16"],
  ])("refuses score %d on %s naming %s / %s", (score, on, field, rule) => {
    expect(sdqProblem(score, on, "2020-06-01", "2026-12-01")?.slice(0, 2)).toEqual([field, rule]);
  });

  it.each([
    [0, null],
    [40, null],
  ])("accepts score %d", (score, problem) => expect(sdqProblem(score, "2026-06-01", "2020-06-01", "2026-12-01")).toBe(problem));

  it.each([
    ["2014-05-01", "2026-05-01", "2027-05-01"],
    ["2012-02-29", "2024-02-29", "2025-02-28"],
    ["2010-05-01", "2026-05-01", null], // 17 by then: no more
    ["2010-05-02", "2026-05-01", "2027-05-01"], // the day before the 17th birthday: one more
  ])("born %s, SDQ on %s: next due %s", (dob, last, due) => expect(nextSdqDue(dob, last)?.date ?? null).toBe(due));
});

describe("consent", () => {
  const looked = { dateOfBirth: "2013-06-15", lookedAfterSince: "2025-01-01" };
  const child = (givenOn: string, extra = {}) => ({ kind: "MEDICAL_TREATMENT" as const, givenBy: "CHILD" as const, givenOn, ...extra });
  const gillick = { assessedOn: "2026-11-01", assessedBy: "Dr A Example, GP" };

  it.each([
    ["a 13-year-old's own consent with no competence assessment", child("2026-11-02"), ["input.gillickAssessment", "GILLICK_COMPETENCE_REQUIRED"]],
    ["the same with one", child("2026-11-02", { gillickAssessment: gillick }), null],
    ["the day before the 16th birthday, no assessment", child("2029-06-14"), ["input.gillickAssessment", "GILLICK_COMPETENCE_REQUIRED"]],
    ["on the 16th birthday: presumed able (FLRA 1969 s.8)", child("2029-06-15"), null],
    ["an assessment after the decision", child("2026-10-31", { gillickAssessment: gillick }), ["input.gillickAssessment.assessedOn", "ASSESSED_BEFORE_DECISION"]],
    ["an assessment by nobody", child("2026-11-02", { gillickAssessment: { ...gillick, assessedBy: " " } }), ["input.gillickAssessment.assessedBy", "REQUIRED"]],
    ["a parent for a 13-year-old", { kind: "IMMUNISATION" as const, givenBy: "PARENT" as const, givenOn: "2026-11-02" }, null],
    ["sharing with no agency named", { kind: "SHARING_WITH_AGENCY" as const, givenBy: "PARENT" as const, givenOn: "2026-11-02" }, ["input.agency", "AGENCY_REQUIRED"]],
    ["a future decision", child("2030-01-02", { gillickAssessment: gillick }), ["input.givenOn", "NOT_IN_FUTURE"]],
  ])("%s", (_, input, problem) => expect(consentProblem(input, looked, "2030-01-01")?.slice(0, 2) ?? null).toEqual(problem));

  it("the local authority decides only for a child it looks after", () => {
    const la = { kind: "MEDICAL_TREATMENT" as const, givenBy: "LOCAL_AUTHORITY" as const, givenOn: "2026-11-02" };
    expect(consentProblem(la, looked, "2026-12-01")).toBeNull();
    expect(consentProblem(la, { ...looked, lookedAfterSince: null }, "2026-12-01")?.slice(0, 2)).toEqual(["input.givenBy", "LOCAL_AUTHORITY_LOOKED_AFTER"]);
  });

  it.each([
    ["CHILD", "2026-11-02", "GILLICK_COMPETENT"],
    ["CHILD", "2029-06-15", "PRESUMED_COMPETENT_16_17"],
    ["CHILD", "2031-06-15", "ADULT"],
    ["PARENT", "2026-11-02", "PARENTAL_RESPONSIBILITY"],
    ["LOCAL_AUTHORITY", "2026-11-02", "CARE_ORDER"],
  ] as const)("%s on %s: basis %s", (givenBy, givenOn, basis) => expect(consentBasis({ givenBy, givenOn }, looked.dateOfBirth)).toBe(basis));
});

describe("a parent's decision: parental responsibility on the day (from the family domain)", () => {
  it.each([
    [{ holdsPr: true, effectiveOn: null }, "2026-11-02", true, "held since before CareGraph knew"],
    [{ holdsPr: true, effectiveOn: "2026-11-02" }, "2026-11-02", true, "acquired that day"],
    [{ holdsPr: true, effectiveOn: "2026-11-03" }, "2026-11-02", false, "acquired the day after"],
    [{ holdsPr: false, effectiveOn: "2026-11-03" }, "2026-11-02", true, "ended the day after"],
    [{ holdsPr: false, effectiveOn: "2026-11-02" }, "2026-11-02", false, "ended that day"],
    [{ holdsPr: false, effectiveOn: null }, "2026-11-02", false, "never held"],
  ] as [{ holdsPr: boolean; effectiveOn: string | null }, string, boolean, string][])("%j on %s: %s (%s)", (holder, on, held) => expect(heldParentalResponsibility(holder, on)).toBe(held));

  it.each([
    [{ givenBy: "PARENT" as const, givenOn: "2026-11-02" }, null, null],
    [{ givenBy: "PARENT" as const, givenOn: "2026-11-02", familyMemberId: "m" }, null, ["input.familyMemberId", "PARENTAL_RESPONSIBILITY_REQUIRED"]],
    [{ givenBy: "PARENT" as const, givenOn: "2026-11-02", familyMemberId: "m" }, { holdsPr: true, effectiveOn: null }, null],
    [{ givenBy: "CHILD" as const, givenOn: "2026-11-02", familyMemberId: "m" }, { holdsPr: true, effectiveOn: null }, ["input.familyMemberId", "PARENT_ONLY"]],
  ])("%j with %j: %j", (c, holder, problem) => expect(parentProblem(c, holder)?.slice(0, 2) ?? null).toEqual(problem));
});

describe("sight tests", () => {
  it.each([
    ["2026-01-10", "2027-01-10"],
    ["2024-02-29", "2025-02-28"],
    ["2026-12-25", "2027-12-25"], // calendar months: a bank holiday due date is not moved
  ])("tested %s: next due %s", (last, due) => expect(nextOpticianCheckDue(last).date).toBe(due));
});

describe("the first SDQ of a period of care (CareGraph rule)", () => {
  it.each([
    ["2015-06-01", "2026-01-05", "2027-01-05"],
    ["2023-03-01", "2026-01-05", "2027-03-01"], // under 4 a year on: the 4th birthday
    ["2022-02-28", "2025-02-28", "2026-02-28"], // 4 on the day the year ends
    ["2012-02-29", "2024-02-29", "2025-02-28"], // a year after 29 Feb
    ["2010-01-06", "2026-01-05", "2027-01-05"], // the day before the 17th birthday
    ["2010-01-05", "2026-01-05", null], // 17 that day: none
  ])("born %s, looked after from %s: first SDQ due %s", (dob, since, due) => expect(firstSdqDue(dob, since)?.date ?? null).toBe(due));
});
