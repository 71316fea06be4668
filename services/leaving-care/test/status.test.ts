import { birthday } from "@caregraph/platform/calendar";
import { daysLookedAfterSince14, eligibleFrom, leavingCareStatus, needsAssessmentDue, pathwayPlanReviewDue } from "../src/domain/status";

const DOB = "2010-06-15"; // 14th birthday 15 Jun 2024, 16th 15 Jun 2026, 18th 15 Jun 2028, 21st 15 Jun 2031

describe("birthdays", () => {
  it("is the anniversary, and 1 March in a common year for someone born on 29 February", () => {
    expect(birthday(DOB, 16)).toBe("2026-06-15");
    expect(birthday("2008-02-29", 16)).toBe("2024-02-29");
    expect(birthday("2008-02-29", 18)).toBe("2026-03-01");
    expect(birthday("2010-02-28", 16)).toBe("2026-02-28");
  });
});

describe("the 13-week count since the 14th birthday (CPPCR 2010 reg 40(1))", () => {
  it("counts only days after the 14th birthday, across several periods", () => {
    const periods = [
      { start: "2024-01-01", end: "2024-07-15" }, // 30 days after the 14th birthday
      { start: "2025-01-01", end: "2025-02-01" }, // 31
      { start: "2026-01-01", end: null }, // open
    ];
    expect(daysLookedAfterSince14(DOB, periods, "2026-01-01")).toBe(61);
    expect(daysLookedAfterSince14(DOB, periods, "2026-01-31")).toBe(91);
  });

  it("becomes eligible on the 16th birthday when 13 weeks were already served", () => {
    const periods = [{ start: "2025-01-01", end: null }];
    expect(eligibleFrom(DOB, periods, "2026-06-14")).toBeNull();
    expect(eligibleFrom(DOB, periods, "2026-06-15")).toBe("2026-06-15");
  });

  it("becomes eligible after the 16th birthday on the day the 13 weeks are completed, counting two periods", () => {
    const periods = [
      { start: "2024-09-01", end: "2024-10-01" }, // 30 days
      { start: "2026-07-01", end: null }, // 61 more: 1 Jul + 61 days = 31 Aug
    ];
    expect(eligibleFrom(DOB, periods, "2026-08-30")).toBeNull();
    expect(eligibleFrom(DOB, periods, "2026-08-31")).toBe("2026-08-31");
  });
});

describe("leavingCareStatus", () => {
  const longCare = [{ start: "2023-01-01", end: null }];

  it.each([
    ["the day before the 16th birthday", "2026-06-14", "NOT_ELIGIBLE"],
    ["the day of the 16th birthday", "2026-06-15", "ELIGIBLE"],
    ["the day after the 16th birthday", "2026-06-16", "ELIGIBLE"],
    ["the day before the 18th birthday", "2028-06-14", "ELIGIBLE"],
    ["the day of the 18th birthday", "2028-06-15", "FORMER_RELEVANT"],
    ["the day before the 21st birthday", "2031-06-14", "FORMER_RELEVANT"],
    ["the day of the 21st birthday", "2031-06-15", "NOT_ELIGIBLE"],
  ])("a child in care since 13: %s (%s) is %s", (_label, on, status) => {
    const r = leavingCareStatus({ dateOfBirth: DOB, periods: longCare, on });
    expect(r.status).toBe(status);
    expect(r.reason).not.toBe("");
  });

  it("former relevant support runs to 25 on request", () => {
    expect(leavingCareStatus({ dateOfBirth: DOB, periods: longCare, on: "2033-01-01", supportTo25: true }).status).toBe("FORMER_RELEVANT");
    expect(leavingCareStatus({ dateOfBirth: DOB, periods: longCare, on: "2035-06-15", supportTo25: true }).status).toBe("NOT_ELIGIBLE");
  });

  it("an eligible child who leaves care at 17 is relevant, then former relevant at 18 — over more than a year of history", () => {
    const periods = [{ start: "2025-03-01", end: "2027-02-01" }];
    expect(leavingCareStatus({ dateOfBirth: DOB, periods, on: "2027-01-31" }).status).toBe("ELIGIBLE");
    const relevant = leavingCareStatus({ dateOfBirth: DOB, periods, on: "2027-02-01" });
    expect(relevant).toMatchObject({ status: "RELEVANT", eligibleFrom: "2026-06-15" });
    expect(leavingCareStatus({ dateOfBirth: DOB, periods, on: "2028-06-15" }).status).toBe("FORMER_RELEVANT");
  });

  it("a child looked after after 16 for less than 13 weeks is not eligible while in care, and qualifying after", () => {
    const periods = [{ start: "2026-09-01", end: "2026-10-01" }];
    expect(leavingCareStatus({ dateOfBirth: DOB, periods, on: "2026-09-15" }).status).toBe("NOT_ELIGIBLE");
    expect(leavingCareStatus({ dateOfBirth: DOB, periods, on: "2026-10-01" }).status).toBe("QUALIFYING");
    expect(leavingCareStatus({ dateOfBirth: DOB, periods, on: "2029-01-01" }).status).toBe("QUALIFYING");
  });

  it("care that ended before the 16th birthday gives no status", () => {
    const periods = [{ start: "2024-07-01", end: "2025-07-01" }];
    expect(leavingCareStatus({ dateOfBirth: DOB, periods, on: "2026-07-01" }).status).toBe("NOT_ELIGIBLE");
  });

  it("born on 29 February: eligible from 1 March in a common year, former relevant from 1 March at 18", () => {
    const dob = "2008-02-29"; // 16th birthday 29 Feb 2024 (leap), 18th 1 Mar 2026
    const periods = [{ start: "2022-06-01", end: null }];
    expect(leavingCareStatus({ dateOfBirth: dob, periods, on: "2024-02-28" }).status).toBe("NOT_ELIGIBLE");
    expect(leavingCareStatus({ dateOfBirth: dob, periods, on: "2024-02-29" }).status).toBe("ELIGIBLE");
    expect(leavingCareStatus({ dateOfBirth: dob, periods, on: "2026-02-28" }).status).toBe("ELIGIBLE");
    expect(leavingCareStatus({ dateOfBirth: dob, periods, on: "2026-03-01" }).status).toBe("FORMER_RELEVANT");
    expect(leavingCareStatus({ dateOfBirth: "2011-02-28", periods, on: "2027-02-28" }).status).toBe("ELIGIBLE");
  });
});

describe("due dates", () => {
  it("needs assessment: 3 months after the 16th birthday, or after becoming eligible if later (CPPCR 2010 reg 42(1))", () => {
    expect(needsAssessmentDue(DOB, "2026-06-15")).toMatchObject({ date: "2026-09-15", workings: "3 months after the 16th birthday on 15 Jun 2026" });
    expect(needsAssessmentDue(DOB, "2026-08-31")).toMatchObject({ date: "2026-11-30", workings: expect.stringContaining("becoming an eligible child on 31 Aug 2026") });
    // Month end: eligible on 30 Nov (a Monday) → 28 Feb (no 30 Feb)
    expect(needsAssessmentDue("2010-11-30", "2026-11-30").date).toBe("2027-02-28");
  });

  it("pathway plan review: 6 months after the last review", () => {
    expect(pathwayPlanReviewDue("2026-08-31", true).date).toBe("2027-02-28");
    expect(pathwayPlanReviewDue("2026-12-25", false).workings).toBe("6 months after the needs assessment on 25 Dec 2026");
  });
});

describe("short breaks (DfE V3/V4) do not count towards the 13 weeks (reg 40(2) as read here; not verified)", () => {
  it("a child on short breaks only is not eligible; the same time in ordinary care is", () => {
    const onBreaks = [{ start: "2025-01-01", end: null, shortBreaksOnly: true }];
    expect(leavingCareStatus({ dateOfBirth: DOB, periods: onBreaks, on: "2026-07-01" }).status).toBe("NOT_ELIGIBLE");
    expect(daysLookedAfterSince14(DOB, onBreaks, "2026-07-01")).toBe(0);
    expect(leavingCareStatus({ dateOfBirth: DOB, periods: [{ start: "2025-01-01", end: null }], on: "2026-07-01" }).status).toBe("ELIGIBLE");
  });
});
