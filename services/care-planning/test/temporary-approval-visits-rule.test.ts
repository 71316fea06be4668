import { firstVisitDue, nextVisitDue, underTemporaryApproval, visitAuthority, visitDue } from "../src/domain/statutory-visits";

/** CPPCR 2010 reg 28(4): a connected person approved temporarily (reg 24): weekly until the first review, then at most every 4 weeks. */
describe("reg 28(4) visits for a connected person approved temporarily (pure rule)", () => {
  const placement = (o: { temporaryApprovalEndsOn?: string | null; firstReviewHeldOn?: string | null } = {}) => ({
    startDate: "2026-11-02",
    intendedToLastUntil18: false,
    temporaryApprovalEndsOn: "2027-02-22",
    firstReviewHeldOn: null,
    ...o,
  });

  it.each([
    // [case, last visit, first review held on, due, what the workings say]
    ["before the first review: a week after the last visit", "2026-11-09", null, "2026-11-16", "weekly until the first review"],
    ["a week across Christmas and Boxing Day (calendar days, bank holidays do not move it)", "2026-12-21", null, "2026-12-28", "weekly until the first review"],
    ["a week across the new year", "2026-12-29", null, "2027-01-05", "weekly until the first review"],
    ["the first review held after the last visit: that interval is still weekly", "2026-11-16", "2026-11-20", "2026-11-23", "weekly until the first review"],
    ["a visit on the day of the first review: then 4 weeks", "2026-11-20", "2026-11-20", "2026-12-18", "first review held on 20 Nov 2026"],
    ["after the first review: 4 weeks after the last visit", "2026-11-27", "2026-11-20", "2026-12-25", "first review held on 20 Nov 2026"],
  ])("%s", (_case, lastVisit, firstReviewHeldOn, due, words) => {
    const d = nextVisitDue(placement({ firstReviewHeldOn }), lastVisit);
    expect(d.date).toBe(due);
    expect(d.workings).toContain(words);
    expect(d.workings).toContain("approved temporarily until 22 Feb 2027");
  });

  it("4 weeks across a leap day: 28 calendar days", () => {
    const p = { startDate: "2028-01-10", intendedToLastUntil18: false, temporaryApprovalEndsOn: "2028-05-01", firstReviewHeldOn: "2028-02-01" };
    expect(nextVisitDue(p, "2028-02-15").date).toBe("2028-03-14");
    expect(nextVisitDue({ ...p, firstReviewHeldOn: null }, "2028-02-26").date).toBe("2028-03-04");
  });

  it("the first visit is within a week of the start, citing reg 28(4)", () => {
    expect(firstVisitDue("2026-11-02").date).toBe("2026-11-09");
    expect(visitDue(placement(), "PLACEMENT_START", "2026-11-02").date).toBe("2026-11-09");
    expect(visitAuthority(placement(), "PLACEMENT_START", "2026-11-02")).toContain("reg 28(4): at least once a week until the first review");
  });

  it.each([
    ["the day before the approval ends: reg 28(4)", "2027-02-21", true],
    ["the day the approval ends (it no longer holds): reg 28(2)", "2027-02-22", false],
    ["after it: reg 28(2)", "2027-03-01", false],
  ])("an interval starting %s", (_case, from, under) => {
    expect(underTemporaryApproval(placement(), from)).toBe(under);
  });

  it("once the approval has ended, the next visit is a reg 28(2) first-year interval (6 weeks)", () => {
    const d = nextVisitDue(placement({ firstReviewHeldOn: "2026-11-20" }), "2027-02-22");
    expect(d.date).toBe("2027-04-05");
    expect(visitAuthority(placement({ firstReviewHeldOn: "2026-11-20" }), "PREVIOUS_VISIT", "2027-02-22")).toContain("reg 28(2)(b)");
  });

  it("authority names the 4-week interval after the first review", () => {
    expect(visitAuthority(placement({ firstReviewHeldOn: "2026-11-20" }), "PREVIOUS_VISIT", "2026-11-27")).toContain("reg 28(4): intervals of not more than 4 weeks");
    expect(visitAuthority(placement(), "PREVIOUS_VISIT", "2026-11-27")).toContain("reg 28(4): at least once a week");
  });

  it("no temporary approval: reg 28(2) as before (6 weeks in the first year)", () => {
    expect(nextVisitDue(placement({ temporaryApprovalEndsOn: null }), "2026-11-09").date).toBe("2026-12-21");
  });
});
