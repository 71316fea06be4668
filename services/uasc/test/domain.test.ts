import { addDays, addMonths, compareDates, explain, isWorkingDay } from "@caregraph/platform/calendar";
import { ageAssessmentProblem, AgeAssessmentInput, distinctAssessors, mertonOutstanding } from "../src/domain/age-assessment";
import { appealOutcomeProblem } from "../src/domain/appeals";
import { birthday } from "@caregraph/platform/calendar";
import { ceasedProblem } from "../src/domain/ceasing";
import { homeOfficeReferenceProblem, normaliseHomeOfficeReference } from "../src/domain/home-office-reference";
import { ImmigrationStatus, LEAVE_KIND, statusProblem, statusSummary } from "../src/domain/immigration-status";
import { LEAVE_RENEWAL_LABEL, leaveRenewalDue } from "../src/domain/leave-renewal";
import { transferProblem } from "../src/domain/national-transfer-scheme";

const TODAY = "2026-12-01";
const DOB = "2010-04-20"; // 18th birthday 20 Apr 2028

describe("LeaveToRemainRenewal: 3 calendar months before the leave expires, on a working day", () => {
  it.each([
    // [leave expires, due, workings]
    ["2027-06-15", "2027-03-15", "3 months before the leave expires on 15 Jun 2027"],
    // Month ends: 31 May → the last day of February (28 in a common year, 29 in a leap year)
    ["2028-05-31", "2028-02-29", "3 months before the leave expires on 31 May 2028 (there is no 31 Feb: the month's last day)"],
    ["2027-05-31", "2027-02-26", "3 months before the leave expires on 31 May 2027 is 28 Feb 2027 (there is no 31 Feb: the month's last day), a Sunday: brought forward to the working day before"],
    ["2028-11-30", "2028-08-30", "3 months before the leave expires on 30 Nov 2028"],
    // 30 Aug 2027 is the summer bank holiday
    ["2027-11-30", "2027-08-27", "3 months before the leave expires on 30 Nov 2027 is 30 Aug 2027, a bank holiday: brought forward to the working day before"],
    ["2026-11-30", "2026-08-28", "3 months before the leave expires on 30 Nov 2026 is 30 Aug 2026, a Sunday: brought forward to the working day before"],
    // Leave expiring on 29 February of a leap year
    ["2028-02-29", "2027-11-29", "3 months before the leave expires on 29 Feb 2028"],
    // Christmas 2026: 25 Dec (Fri) and 28 Dec (Mon, Boxing Day substitute) are bank holidays
    ["2027-03-25", "2026-12-24", "3 months before the leave expires on 25 Mar 2027 is 25 Dec 2026, a bank holiday: brought forward to the working day before"],
    ["2027-03-28", "2026-12-24", "3 months before the leave expires on 28 Mar 2027 is 28 Dec 2026, a bank holiday: brought forward to the working day before"],
    // Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar
    ["2027-06-29", "2027-03-25", "3 months before the leave expires on 29 Jun 2027 is 29 Mar 2027, a bank holiday: brought forward to the working day before"],
    ["2027-06-26", "2027-03-25", "3 months before the leave expires on 26 Jun 2027 is 26 Mar 2027, a bank holiday: brought forward to the working day before"],
  ])("leave expiring %s: due %s", (expires, due, workings) => {
    expect(leaveRenewalDue(expires)).toEqual({ date: due, workings });
  });

  it("says how it was worked out, for the work tray", () => {
    expect(explain(LEAVE_RENEWAL_LABEL, leaveRenewalDue("2027-05-31"))).toBe(
      "Leave to remain renewal due 26 Feb 2027: 3 months before the leave expires on 31 May 2027 is 28 Feb 2027 (there is no 31 Feb: the month's last day), a Sunday: brought forward to the working day before",
    );
  });

  it("is never later than 3 months before expiry and always a working day (every expiry from 2026 to 2028)", () => {
    for (let d = "2026-01-01"; compareDates(d, "2028-12-31") <= 0; d = addDays(d, 1)) {
      const due = leaveRenewalDue(d).date;
      expect(compareDates(due, addMonths(d, -3))).toBeLessThanOrEqual(0);
      expect(isWorkingDay(due)).toBe(true);
      expect(compareDates(due, addDays(addMonths(d, -3), -5))).toBeGreaterThanOrEqual(0); // at most a long weekend earlier
    }
  });
});

describe("immigration status: leave expiry and dates", () => {
  const ok = (status: ImmigrationStatus, decidedOn: string | null, leaveExpiresOn: string | null) => statusProblem({ status, decidedOn, leaveExpiresOn }, DOB, TODAY);
  const TIME_LIMITED = (Object.keys(LEAVE_KIND) as ImmigrationStatus[]).filter((s) => LEAVE_KIND[s] === "TIME_LIMITED");

  it("time-limited leave is refugee status, humanitarian protection, UASC, discretionary and limited leave", () => {
    expect(TIME_LIMITED.sort()).toEqual(["DISCRETIONARY_LEAVE", "HUMANITARIAN_PROTECTION", "LIMITED_LEAVE_TO_REMAIN", "REFUGEE_STATUS", "UASC_LEAVE"]);
  });

  it.each(TIME_LIMITED)("%s needs its expiry", (status) => {
    expect(ok(status, "2026-06-01", null)).toEqual(["input.leaveExpiresOn", "LEAVE_EXPIRY_REQUIRED", expect.stringContaining(status)]);
    expect(ok(status, "2026-06-01", "2031-06-01")).toBeNull();
  });

  it.each(["INDEFINITE_LEAVE_TO_REMAIN", "BRITISH_CITIZEN"] as const)("%s has no expiry", (status) => {
    expect(ok(status, "2026-06-01", "2031-06-01")?.slice(0, 2)).toEqual(["input.leaveExpiresOn", "NO_EXPIRY_FOR_PERMANENT_STATUS"]);
    expect(ok(status, "2026-06-01", null)).toBeNull();
  });

  it.each(["ASYLUM_CLAIMED", "ASYLUM_REFUSED", "APPEAL_PENDING", "APPEAL_RIGHTS_EXHAUSTED"] as const)("%s grants no leave, so no expiry", (status) => {
    expect(ok(status, "2026-06-01", "2027-06-01")?.slice(0, 2)).toEqual(["input.leaveExpiresOn", "NO_LEAVE_GRANTED"]);
    expect(ok(status, "2026-06-01", null)).toBeNull();
  });

  it("leave expires after the decision: before it or on the day is refused, the day after is fine", () => {
    expect(ok("DISCRETIONARY_LEAVE", "2026-06-01", "2026-05-31")?.slice(0, 2)).toEqual(["input.leaveExpiresOn", "EXPIRES_AFTER_DECISION"]);
    expect(ok("DISCRETIONARY_LEAVE", "2026-06-01", "2026-06-01")?.slice(0, 2)).toEqual(["input.leaveExpiresOn", "EXPIRES_AFTER_DECISION"]);
    expect(ok("DISCRETIONARY_LEAVE", "2026-06-01", "2026-06-02")).toBeNull();
  });

  it("without a decision date the status is as of today: leave must expire after today", () => {
    expect(ok("LIMITED_LEAVE_TO_REMAIN", null, TODAY)?.[2]).toContain("recorded on 1 Dec 2026");
    expect(ok("LIMITED_LEAVE_TO_REMAIN", null, "2026-12-02")).toBeNull();
  });

  it("a decision is not in the future, nor before the child was born", () => {
    expect(ok("ASYLUM_CLAIMED", "2026-12-02", null)?.slice(0, 2)).toEqual(["input.decidedOn", "NOT_IN_FUTURE"]);
    expect(ok("ASYLUM_CLAIMED", TODAY, null)).toBeNull();
    expect(ok("ASYLUM_CLAIMED", "2010-04-19", null)?.slice(0, 2)).toEqual(["input.decidedOn", "NOT_BEFORE_BIRTH"]);
  });

  it("the chronology line has the status and the expiry, nothing else", () => {
    expect(statusSummary({ status: "REFUGEE_STATUS", leaveExpiresOn: "2031-05-31" })).toBe("Refugee status granted, leave until 31 May 2031");
    expect(statusSummary({ status: "ASYLUM_CLAIMED", leaveExpiresOn: null })).toBe("Asylum claimed");
  });
});

describe("Merton-compliant age assessment", () => {
  const base: AgeAssessmentInput = { assessedOn: "2026-11-20", outcome: "ACCEPTED", assessors: ["A. Social Worker", "B. Social Worker"] };
  const problem = (a: Partial<AgeAssessmentInput>) => ageAssessmentProblem({ ...base, ...a }, DOB, TODAY);

  it("two trained assessors: one is refused naming input.assessors; a name given twice is one assessor", () => {
    expect(problem({})).toBeNull();
    expect(problem({ assessors: ["A. Social Worker"] })?.slice(0, 2)).toEqual(["input.assessors", "TWO_ASSESSORS"]);
    expect(problem({ assessors: ["A. Social Worker", " a.  social worker "] })?.slice(0, 2)).toEqual(["input.assessors", "TWO_ASSESSORS"]);
    expect(problem({ assessors: ["A. Social Worker", "  "] })?.slice(0, 2)).toEqual(["input.assessors", "TWO_ASSESSORS"]);
    expect(problem({ assessors: [] })?.[2]).toContain("none were named");
    expect(distinctAssessors(["A", " a", "B  C"])).toEqual(["A", "B C"]);
  });

  it("an interpreter where needed: a language given needs the interpreter present", () => {
    expect(problem({ interpreterLanguage: "Tigrinya" })?.slice(0, 2)).toEqual(["input.interpreterPresent", "INTERPRETER_PRESENT"]);
    expect(problem({ interpreterLanguage: "Tigrinya", interpreterPresent: false })?.slice(0, 2)).toEqual(["input.interpreterPresent", "INTERPRETER_PRESENT"]);
    expect(problem({ interpreterLanguage: "Tigrinya", interpreterPresent: true })).toBeNull();
    expect(problem({ interpreterPresent: true })?.slice(0, 2)).toEqual(["input.interpreterLanguage", "INTERPRETER_LANGUAGE"]);
    expect(problem({ interpreterPresent: false })).toBeNull();
  });

  it("the assessment is not in the future nor before the child's date of birth", () => {
    expect(problem({ assessedOn: "2026-12-02" })?.slice(0, 2)).toEqual(["input.assessedOn", "NOT_IN_FUTURE"]);
    expect(problem({ assessedOn: TODAY })).toBeNull();
    expect(problem({ assessedOn: "2010-04-19" })?.slice(0, 2)).toEqual(["input.assessedOn", "NOT_BEFORE_BIRTH"]);
  });

  it("the child is told the outcome on or after the day, not in the future", () => {
    expect(problem({ childInformedOn: "2026-11-19" })?.slice(0, 2)).toEqual(["input.childInformedOn", "NOT_BEFORE_ASSESSMENT"]);
    expect(problem({ childInformedOn: "2026-11-20" })).toBeNull();
    expect(problem({ childInformedOn: "2026-12-02" })?.slice(0, 2)).toEqual(["input.childInformedOn", "NOT_IN_FUTURE"]);
  });

  it("an assessed date of birth goes with a disputed age, on the side the outcome says", () => {
    expect(problem({ assessedDateOfBirth: "2008-01-01" })?.slice(0, 2)).toEqual(["input.assessedDateOfBirth", "NONE_WHEN_ACCEPTED"]);
    expect(problem({ outcome: "DISPUTED_OLDER", assessedDateOfBirth: "2008-01-01" })).toBeNull();
    expect(problem({ outcome: "DISPUTED_OLDER", assessedDateOfBirth: DOB })?.slice(0, 2)).toEqual(["input.assessedDateOfBirth", "OLDER_THAN_STATED"]);
    expect(problem({ outcome: "DISPUTED_YOUNGER", assessedDateOfBirth: "2011-01-01" })).toBeNull();
    expect(problem({ outcome: "DISPUTED_YOUNGER", assessedDateOfBirth: "2009-01-01" })?.slice(0, 2)).toEqual(["input.assessedDateOfBirth", "YOUNGER_THAN_STATED"]);
    expect(problem({ outcome: "DISPUTED_YOUNGER", assessedDateOfBirth: "2026-11-21" })?.slice(0, 2)).toEqual(["input.assessedDateOfBirth", "NOT_AFTER_ASSESSMENT"]);
  });

  it("says what a record still lacks", () => {
    expect(mertonOutstanding({ outcome: "ACCEPTED", childInformedOn: "2026-11-20" })).toEqual([]);
    expect(mertonOutstanding({ outcome: "DISPUTED_OLDER" })).toEqual(["the child has not yet been told the outcome", "the age is disputed but no assessed date of birth is recorded"]);
  });
});

describe("ceasing to be UASC (DfE SSDA903 UASC table, DUC)", () => {
  it.each([
    ["the day before the 18th birthday", "2028-04-19", "OTHER", null],
    ["the 18th birthday", "2028-04-20", "REACHED_18", null],
    ["the day after the 18th birthday", "2028-04-21", "OTHER", "NOT_AFTER_18TH_BIRTHDAY"],
    ["reached 18, but not on the birthday", "2028-04-19", "REACHED_18", "REACHED_18_ON_BIRTHDAY"],
  ] as const)("%s (%s, %s)", (_label, ceasedOn, reason, rule) => {
    expect(ceasedProblem(ceasedOn, reason, DOB, "2028-12-01")?.[1] ?? null).toBe(rule);
  });

  it("born on 29 February: the 18th birthday is 1 March in a common year", () => {
    expect(birthday("2008-02-29", 18)).toBe("2026-03-01");
    expect(ceasedProblem("2026-03-01", "REACHED_18", "2008-02-29", TODAY)).toBeNull();
    expect(ceasedProblem("2026-02-28", "REACHED_18", "2008-02-29", TODAY)?.[1]).toBe("REACHED_18_ON_BIRTHDAY");
  });

  it("not in the future, not before birth", () => {
    expect(ceasedProblem("2026-12-02", "OTHER", DOB, TODAY)?.slice(0, 2)).toEqual(["input.ceasedOn", "NOT_IN_FUTURE"]);
    expect(ceasedProblem("2010-04-19", "OTHER", DOB, TODAY)?.slice(0, 2)).toEqual(["input.ceasedOn", "NOT_BEFORE_BIRTH"]);
  });
});

describe("Home Office reference", () => {
  it.each(["B1234567", "b 123 4567", " K7654321 "])("accepts %j", (ref) => expect(homeOfficeReferenceProblem(ref)).toBeNull());
  it.each(["12345678", "B123456", "BB1234567", "B12345678", "B1234567/001"])("refuses %j", (ref) => {
    expect(homeOfficeReferenceProblem(ref)?.slice(0, 2)).toEqual(["input.homeOfficeReference", "HOME_OFFICE_REFERENCE_FORMAT"]);
  });
  it("is kept as written on letters", () => expect(normaliseHomeOfficeReference("b 123 4567")).toBe("B1234567"));
});

describe("National Transfer Scheme", () => {
  const t = (x: Partial<Parameters<typeof transferProblem>[0]>) => transferProblem({ referredOn: "2026-10-01", ...x }, "E09000027", DOB, TODAY);
  it("a referral, then a transfer to another authority named by its ONS code", () => {
    expect(t({})).toBeNull();
    expect(t({ transferredOn: "2026-10-20", receivingAuthority: "e08000025" })).toBeNull();
    expect(t({ transferredOn: "2026-10-20" })?.slice(0, 2)).toEqual(["input.receivingAuthority", "RECEIVING_AUTHORITY_REQUIRED"]);
    expect(t({ transferredOn: "2026-10-20", receivingAuthority: "E07000001" })?.slice(0, 2)).toEqual(["input.receivingAuthority", "ONS_AUTHORITY_CODE"]);
    expect(t({ transferredOn: "2026-10-20", receivingAuthority: "E09000027" })?.slice(0, 2)).toEqual(["input.receivingAuthority", "ANOTHER_AUTHORITY"]);
    expect(t({ transferredOn: "2026-09-30", receivingAuthority: "E08000025" })?.slice(0, 2)).toEqual(["input.transferredOn", "NOT_BEFORE_REFERRAL"]);
    expect(t({ referredOn: "2026-12-02" })?.slice(0, 2)).toEqual(["input.referredOn", "NOT_IN_FUTURE"]);
  });
});

describe("appeals", () => {
  it("heard on or after lodging, decided on or after the hearing, not in the future", () => {
    const lodged = "2026-06-01";
    expect(appealOutcomeProblem({ heardOn: "2026-09-01", outcome: "DISMISSED", decidedOn: "2026-09-15" }, lodged, TODAY)).toBeNull();
    expect(appealOutcomeProblem({ heardOn: "2026-05-31", outcome: "DISMISSED", decidedOn: "2026-09-15" }, lodged, TODAY)?.slice(0, 2)).toEqual(["input.heardOn", "NOT_BEFORE_LODGED"]);
    expect(appealOutcomeProblem({ heardOn: "2026-09-01", outcome: "ALLOWED", decidedOn: "2026-08-31" }, lodged, TODAY)?.slice(0, 2)).toEqual(["input.decidedOn", "NOT_BEFORE_HEARING"]);
    expect(appealOutcomeProblem({ outcome: "WITHDRAWN", decidedOn: "2026-12-02" }, lodged, TODAY)?.slice(0, 2)).toEqual(["input.decidedOn", "NOT_IN_FUTURE"]);
  });
});
