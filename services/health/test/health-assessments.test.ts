import {
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

  it("an assessment done in the 3 months before becoming looked after stands in for the IHA", () => {
    expect(recentAssessmentStands("2026-06-15", "2026-03-15")).toBe(true);
    expect(recentAssessmentStands("2026-06-15", "2026-03-14")).toBe(false);
    expect(recentAssessmentStands("2026-06-15", null)).toBe(false);
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
