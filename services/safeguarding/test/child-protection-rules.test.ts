import {
  checkCoreGroup,
  checkInitialConference,
  checkReviewConference,
  datePlausibility,
  explanation,
  firstCoreGroupDue,
  firstReviewConferenceDue,
  initialConferenceDue,
  isOverdue,
  latestDiscussion,
  nextReviewConferenceDue,
  reviewConferenceChain,
  taskStatusOn,
} from "../src/domain/child-protection";

describe("initial child protection conference: 15 working days after the strategy discussion (WT 2023)", () => {
  it("over Christmas: a strategy discussion on Fri 18 Dec 2026 makes the ICPC due Wed 13 Jan 2027", () => {
    const due = initialConferenceDue("2026-12-18");
    expect(due.date).toBe("2027-01-13");
    expect(explanation("InitialChildProtectionConference", due)).toBe(
      "Initial child protection conference due 13 Jan 2027: 15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    );
  });

  it("over Easter 2027: Mon 22 Mar 2027 → Wed 14 Apr 2027 (Good Friday 26 Mar and Easter Monday 29 Mar skipped)", () => {
    const due = initialConferenceDue("2027-03-22");
    expect(due.date).toBe("2027-04-14");
    expect(due.workings).toContain("bank holidays 26 Mar, 29 Mar skipped");
  });

  it("over the late-May bank holiday: Fri 21 May 2027 → Mon 14 Jun 2027 (31 May skipped)", () => {
    const due = initialConferenceDue("2027-05-21");
    expect(due.date).toBe("2027-06-14");
    expect(due.workings).toContain("bank holiday 31 May skipped");
  });

  it("over the August bank holiday: Fri 20 Aug 2027 → Mon 13 Sep 2027 (30 Aug skipped)", () => {
    const due = initialConferenceDue("2027-08-20");
    expect(due.date).toBe("2027-09-13");
    expect(due.workings).toContain("bank holiday 30 Aug skipped");
  });

  it("from a weekend discussion: Sat 5 Dec 2026 counts from Mon 7 Dec → Tue 29 Dec 2026", () => {
    expect(initialConferenceDue("2026-12-05").date).toBe("2026-12-29");
  });

  it("with several strategy discussions the clock runs from the latest", () => {
    expect(latestDiscussion(["2026-12-18", "2026-11-02", "2026-12-01"])).toBe("2026-12-18");
    expect(() => latestDiscussion([])).toThrow(RangeError);
  });
});

describe("first core group: within 10 working days of the ICPC (local procedures citing WT)", () => {
  it("an ICPC on Thu 25 Mar 2027 makes the core group due Mon 12 Apr 2027 (Easter skipped)", () => {
    expect(firstCoreGroupDue("2027-03-25").date).toBe("2027-04-12");
  });

  it("an ICPC on Thu 27 May 2027 makes the core group due Fri 11 Jun 2027 (31 May skipped)", () => {
    expect(firstCoreGroupDue("2027-05-27").date).toBe("2027-06-11");
  });

  it("an ICPC on Wed 23 Dec 2026 makes the core group due Mon 11 Jan 2027 (25, 28 Dec and 1 Jan skipped)", () => {
    const due = firstCoreGroupDue("2026-12-23");
    expect(due.date).toBe("2027-01-11");
    expect(due.workings).toBe("10 working days after the initial child protection conference on 23 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)");
  });
});

describe("review conferences: 3 months after the ICPC, then 6 months after the previous review (WT 2023)", () => {
  it("an ICPC on 13 Jan 2027 makes the first review due 13 Apr 2027", () => {
    expect(firstReviewConferenceDue("2027-01-13").date).toBe("2027-04-13");
  });

  it("month end: an ICPC on 30 Nov 2026 makes the first review due 28 Feb 2027, and says why", () => {
    const due = firstReviewConferenceDue("2026-11-30");
    expect(due.date).toBe("2027-02-28");
    expect(due.workings).toBe("3 months after the initial child protection conference on 30 Nov 2026 (there is no 30 Feb: the month's last day)");
  });

  it("month end in a leap year: an ICPC on 30 Nov 2027 makes the first review due 29 Feb 2028", () => {
    expect(firstReviewConferenceDue("2027-11-30").date).toBe("2028-02-29");
  });

  it("a review on 31 Aug 2027 makes the next due 29 Feb 2028 (the month's last day)", () => {
    expect(nextReviewConferenceDue("2027-08-31").date).toBe("2028-02-29");
  });

  it("the chain over more than two years, each held on its due date, from an ICPC on 31 Aug 2026", () => {
    expect(reviewConferenceChain("2026-08-31", 5)).toEqual(["2026-11-30", "2027-05-30", "2027-11-30", "2028-05-30", "2028-11-30"]);
  });

  it("the chain from an ICPC over Christmas", () => {
    expect(reviewConferenceChain("2027-01-13", 4)).toEqual(["2027-04-13", "2027-10-13", "2028-04-13", "2028-10-13"]);
  });
});

describe("status and date rules", () => {
  it("a task is overdue from the day after its due date", () => {
    expect(isOverdue("2027-01-13", "2027-01-13")).toBe(false);
    expect(isOverdue("2027-01-13", "2027-01-14")).toBe(true);
    expect(taskStatusOn({ dueDate: "2027-01-13", completedOn: null, cancelledOn: null }, "2027-01-14")).toBe("OVERDUE");
    expect(taskStatusOn({ dueDate: "2027-01-13", completedOn: "2027-01-20", cancelledOn: null }, "2027-01-21")).toBe("COMPLETED");
    expect(taskStatusOn({ dueDate: "2027-01-13", completedOn: null, cancelledOn: "2027-01-02" }, "2027-01-21")).toBe("CANCELLED");
  });

  it("a recorded date is neither in the future nor before the child's birth", () => {
    expect(datePlausibility("2026-12-02", "2016-03-03", "2026-12-01")).toBe("NOT_IN_FUTURE");
    expect(datePlausibility("2016-03-02", "2016-03-03", "2026-12-01")).toBe("NOT_BEFORE_BIRTH");
    expect(datePlausibility("2026-12-01", "2016-03-03", "2026-12-01")).toBeNull();
  });
});

describe("the order of the pathway (pure checks, before anything is written)", () => {
  const rule = (f: () => void) => {
    try {
      f();
      return "ok";
    } catch (e) {
      return (e as { extensions: { rule: string } }).extensions.rule;
    }
  };
  const enquiry = { startedOn: "2026-12-18", latestDiscussionOn: "2026-12-18", outcome: null, initialConference: null };
  it("an ICPC is not before the strategy discussion, once per enquiry, and not while a plan is in force", () => {
    expect(rule(() => checkInitialConference({ heldOn: "2026-12-17", enquiry, planInForceSince: null }))).toBe("CONFERENCE_BEFORE_STRATEGY_DISCUSSION");
    expect(rule(() => checkInitialConference({ heldOn: "2026-12-18", enquiry, planInForceSince: null }))).toBe("ok");
    expect(rule(() => checkInitialConference({ heldOn: "2027-01-05", enquiry: { ...enquiry, initialConference: { heldOn: "2027-01-04" } }, planInForceSince: null }))).toBe(
      "INITIAL_CONFERENCE_ALREADY_HELD",
    );
    expect(rule(() => checkInitialConference({ heldOn: "2027-01-05", enquiry: { ...enquiry, outcome: "NO_FURTHER_ACTION" }, planInForceSince: null }))).toBe(
      "SECTION_47_CONCLUDED_WITHOUT_CONFERENCE",
    );
    expect(rule(() => checkInitialConference({ heldOn: "2027-01-05", enquiry, planCategory: "NEGLECT", planInForceSince: "2026-06-01" }))).toBe("PLAN_ALREADY_ACTIVE");
  });
  it("a review comes after the plan's previous conference and says whether the plan continues or ends", () => {
    expect(rule(() => checkReviewConference({ heldOn: "2027-04-13", previousConferenceOn: "2027-01-13", planCategory: "NEGLECT" }))).toBe("ok");
    expect(rule(() => checkReviewConference({ heldOn: "2027-01-13", previousConferenceOn: "2027-01-13", endPlan: true }))).toBe("REVIEW_BEFORE_PREVIOUS_CONFERENCE");
    expect(rule(() => checkReviewConference({ heldOn: "2027-04-13", previousConferenceOn: "2027-01-13" }))).toBe("PLAN_DECISION_REQUIRED");
    expect(rule(() => checkReviewConference({ heldOn: "2027-04-13", previousConferenceOn: "2027-01-13", planCategory: "NEGLECT", endPlan: true }))).toBe("PLAN_DECISION_CONFLICT");
  });
  it("a core group is not before the conference that started the plan", () => {
    expect(rule(() => checkCoreGroup("2027-01-12", "2027-01-13"))).toBe("CORE_GROUP_BEFORE_CONFERENCE");
    expect(rule(() => checkCoreGroup("2027-01-13", "2027-01-13"))).toBe("ok");
  });
});
