import {
  countsAsInitialAssessment,
  healthAssessmentExplanation,
  initialAssessmentWindowOpens,
  initialHealthAssessmentDue,
  reassessmentAfterMoveDue,
  recentAssessmentStands,
  reviewHealthAssessmentDue,
  statusOn,
} from "../src/domain/health-assessments";

describe("when health assessments fall due", () => {
  it("an initial health assessment is due 20 working days after the child becomes looked after", () => {
    expect(initialHealthAssessmentDue("2026-11-02")).toBe("2026-11-30");
  });

  it("an IHA for a child looked after just before Easter 2027 skips Good Friday and Easter Monday", () => {
    // Looked after Mon 22 March 2027; 26 and 29 March are bank holidays.
    expect(initialHealthAssessmentDue("2027-03-22")).toBe("2027-04-21");
  });

  it("an IHA for a child looked after in mid-December skips Christmas, Boxing Day and New Year", () => {
    expect(initialHealthAssessmentDue("2025-12-15")).toBe("2026-01-15");
  });

  it("an assessment done exactly 3 months before becoming looked after stands in for the IHA (CPPCR 2010 reg 7)", () => {
    expect(recentAssessmentStands("2026-06-15", ["2026-03-15"])).toBe(true);
  });

  it("an assessment done 3 months and a day before becoming looked after does not stand", () => {
    expect(recentAssessmentStands("2026-06-15", ["2026-03-14"])).toBe(false);
    expect(recentAssessmentStands("2026-06-15", [])).toBe(false);
  });

  it("an assessment done 11 months before becoming looked after never stands, whichever order completions come in", () => {
    expect(recentAssessmentStands("2026-06-15", ["2025-07-15"])).toBe(false);
    expect(recentAssessmentStands("2026-06-15", ["2026-04-01", "2025-07-15"])).toBe(true);
    expect(recentAssessmentStands("2026-06-15", ["2025-07-15", "2026-04-01"])).toBe(true);
  });

  it("an assessment done after becoming looked after (recorded before the event arrived) is the IHA itself", () => {
    expect(recentAssessmentStands("2026-06-15", ["2026-06-20"])).toBe(true);
  });

  it("the 3-month window clamps to the month's end: looked after 31 May opens it on 28 Feb (29 Feb in a leap year)", () => {
    expect(initialAssessmentWindowOpens("2026-05-31")).toBe("2026-02-28");
    expect(countsAsInitialAssessment("2026-05-31", "2026-02-28")).toBe(true);
    expect(countsAsInitialAssessment("2026-05-31", "2026-02-27")).toBe(false);
    expect(initialAssessmentWindowOpens("2028-05-31")).toBe("2028-02-29");
    expect(countsAsInitialAssessment("2028-05-31", "2028-02-28")).toBe(false);
    // Looked after 31 December: the window opens 30 September, across the year end.
    expect(initialAssessmentWindowOpens("2026-12-31")).toBe("2026-09-30");
  });

  it("a review is due 6 months after an assessment done before the child's 5th birthday", () => {
    expect(reviewHealthAssessmentDue("2026-11-20", "2021-11-21")).toBe("2027-05-20");
  });

  it("a review is due 12 months after an assessment done on or after the 5th birthday", () => {
    expect(reviewHealthAssessmentDue("2026-11-21", "2021-11-21")).toBe("2027-11-21");
  });

  it("a placement move brings a reassessment due 20 working days after the move", () => {
    expect(reassessmentAfterMoveDue("2026-12-18")).toBe("2027-01-20");
  });

  it("an open assessment is overdue the day after its due date, not on it", () => {
    const a = { dueDate: "2026-11-30", completedOn: null, cancelledOn: null };
    expect(statusOn(a, "2026-11-30")).toBe("DUE");
    expect(statusOn(a, "2026-12-01")).toBe("OVERDUE");
    expect(statusOn({ ...a, completedOn: "2026-12-03" }, "2026-12-10")).toBe("COMPLETED");
  });
});

describe("how a health assessment's due date is explained", () => {
  it("an IHA for a child looked after on 15 December 2025 names the Christmas and New Year bank holidays it skipped", () => {
    const scheduledFrom = "2025-12-15";
    expect(healthAssessmentExplanation({ kind: "INITIAL", reason: "BECAME_LOOKED_AFTER", scheduledFrom, dueDate: initialHealthAssessmentDue(scheduledFrom) })).toBe(
      "Initial health assessment due 15 Jan 2026: 20 working days after becoming looked after on 15 Dec 2025 (bank holidays 25 Dec, 26 Dec, 1 Jan skipped)",
    );
  });

  it("a review after a placement move on Monday 22 March 2027 names Good Friday and Easter Monday", () => {
    expect(healthAssessmentExplanation({ kind: "REVIEW", reason: "PLACEMENT_MOVE", scheduledFrom: "2027-03-22", dueDate: reassessmentAfterMoveDue("2027-03-22") })).toBe(
      "Review health assessment due 21 Apr 2027: 20 working days after the placement move on 22 Mar 2027 (bank holidays 26 Mar, 29 Mar skipped)",
    );
  });

  it("a move on Christmas Eve 2026 (a Thursday) skips 25 and 28 December and 1 January", () => {
    expect(healthAssessmentExplanation({ kind: "REVIEW", reason: "PLACEMENT_MOVE", scheduledFrom: "2026-12-24", dueDate: reassessmentAfterMoveDue("2026-12-24") })).toBe(
      "Review health assessment due 26 Jan 2027: 20 working days after the placement move on 24 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    );
  });

  it("a 6-monthly review from an assessment on 31 August says there is no 31 February", () => {
    const dueDate = reviewHealthAssessmentDue("2026-08-31", "2023-01-01");
    expect(healthAssessmentExplanation({ kind: "REVIEW", reason: "PERIODIC_REVIEW", scheduledFrom: "2026-08-31", dueDate })).toBe(
      "Review health assessment due 28 Feb 2027: 6 months after the last assessment on 31 Aug 2026 (there is no 31 Feb: the month's last day)",
    );
  });

  it("an annual review from an assessment on Christmas Day 2026 counts 12 calendar months, holidays or not", () => {
    const dueDate = reviewHealthAssessmentDue("2026-12-25", "2015-01-01");
    expect(healthAssessmentExplanation({ kind: "REVIEW", reason: "PERIODIC_REVIEW", scheduledFrom: "2026-12-25", dueDate })).toBe(
      "Review health assessment due 25 Dec 2027: 12 months after the last assessment on 25 Dec 2026",
    );
  });

  it("an IHA for a child looked after on Saturday 27 March 2027 (Easter weekend) starts counting after Easter Monday", () => {
    const dueDate = initialHealthAssessmentDue("2027-03-27");
    expect(healthAssessmentExplanation({ kind: "INITIAL", reason: "BECAME_LOOKED_AFTER", scheduledFrom: "2027-03-27", dueDate })).toBe(
      "Initial health assessment due 26 Apr 2027: 20 working days after becoming looked after on 27 Mar 2027 (bank holiday 29 Mar skipped)",
    );
  });
});
