import { attendance, attendanceProblem } from "../src/domain/attendance";
import { exclusionProblem, pupilPremiumPlusProblem } from "../src/domain/records";
import { firstPepClock, firstPepDue, pepExplanation, pepReviewDue, schoolStabilityDue, statusOn } from "../src/domain/personal-education-plans";
import { englandDefaultTerms, nextTermAfter, parseTerm, termLabel } from "../src/domain/terms";

const T = "E09000027";

describe("first PEP: 20 working days after becoming looked after", () => {
  it.each([
    // Christmas and New Year: 25, 26 (Boxing Day on a Friday) and 1 Jan skipped
    ["2025-12-15", "2026-01-15", "bank holidays 25 Dec, 26 Dec, 1 Jan skipped"],
    // Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr
    ["2026-03-20", "2026-04-21", "bank holidays 3 Apr, 6 Apr skipped"],
    // Late-May bank holiday 25 May 2026
    ["2026-05-18", "2026-06-16", "bank holiday 25 May skipped"],
    // August bank holiday 31 Aug 2026, from a month end
    ["2026-08-31", "2026-09-28", ""],
    // A Saturday start counts from the next working day; Boxing Day 2026 (Sat) is substituted by Mon 28 Dec
    ["2026-11-28", "2026-12-29", "bank holidays 25 Dec, 28 Dec skipped"],
  ])("looked after on %s → due %s", (from, due, holidays) => {
    const d = firstPepDue(from);
    expect(d.date).toBe(due);
    if (holidays) expect(d.workings).toContain(holidays);
    expect(d.workings).toMatch(/^20 working days after becoming looked after on /);
  });

  it("the explanation is the work-tray sentence", () => {
    expect(pepExplanation(T, { kind: "INITIAL", scheduledFrom: "2025-12-15", dueDate: "2026-01-15" })).toBe(
      "Personal education plan due 15 Jan 2026: 20 working days after becoming looked after on 15 Dec 2025 (bank holidays 25 Dec, 26 Dec, 1 Jan skipped)",
    );
  });
});

describe("England default term dates", () => {
  it("follow Easter: spring ends the Friday a week before Good Friday, summer starts the Monday after Easter Monday", () => {
    expect(englandDefaultTerms(2026)).toEqual([
      { name: "SPRING", year: 2026, start: "2026-01-05", end: "2026-03-27" },
      { name: "SUMMER", year: 2026, start: "2026-04-13", end: "2026-07-22" },
      { name: "AUTUMN", year: 2026, start: "2026-09-03", end: "2026-12-18" },
    ]);
    expect(englandDefaultTerms(2027)).toEqual([
      { name: "SPRING", year: 2027, start: "2027-01-04", end: "2027-03-19" },
      { name: "SUMMER", year: 2027, start: "2027-04-05", end: "2027-07-22" },
      { name: "AUTUMN", year: 2027, start: "2027-09-03", end: "2027-12-17" },
    ]);
  });

  it("spring never starts on New Year's Day or a weekend", () => {
    // 4 Jan 2025 is a Saturday; 4 Jan 2026 a Sunday
    expect(englandDefaultTerms(2025)[0]?.start).toBe("2025-01-06");
    expect(englandDefaultTerms(2026)[0]?.start).toBe("2026-01-05");
  });

  it("parses term names and rejects anything else", () => {
    expect(parseTerm(T, "autumn 2026")).toMatchObject({ name: "AUTUMN", year: 2026, start: "2026-09-03" });
    expect(parseTerm(T, "AUTUMN 26")).toBeNull();
    expect(parseTerm(T, "WINTER 2026")).toBeNull();
    expect(termLabel({ name: "SPRING", year: 2027 })).toBe("SPRING 2027");
  });

  it("the next term after a date, at term boundaries and in holidays", () => {
    expect(nextTermAfter(T, "2026-12-18").name).toBe("SPRING"); // last day of autumn
    expect(nextTermAfter(T, "2027-01-04")).toMatchObject({ name: "SUMMER", year: 2027 }); // first day of spring
    expect(nextTermAfter(T, "2027-01-03")).toMatchObject({ name: "SPRING", year: 2027 }); // the day before
    expect(nextTermAfter(T, "2026-08-15")).toMatchObject({ name: "AUTUMN", year: 2026 }); // summer holiday
  });
});

describe("PEP review: by the end of the term after the last PEP", () => {
  // A schedule over more than a year: each review done on its due date sets the next one.
  it("runs term by term from December 2025 to December 2027", () => {
    const dates: string[] = [];
    let done = "2025-12-22"; // in the Christmas holiday
    for (let i = 0; i < 6; i++) {
      done = pepReviewDue(T, done).date;
      dates.push(done);
    }
    expect(dates).toEqual(["2026-03-27", "2026-07-22", "2026-12-18", "2027-03-19", "2027-07-22", "2027-12-17"]);
  });

  it("a PEP early in the autumn term is next reviewed by the end of spring, with workings", () => {
    const d = pepReviewDue(T, "2026-10-10");
    expect(d).toEqual({
      date: "2027-03-19",
      workings: "the end of the spring term 2027 (4 Jan 2027 to 19 Mar 2027), the term after the PEP done on 10 Oct 2026",
    });
  });

  it("a PEP in the Easter holiday is reviewed by the end of the summer term", () => {
    expect(pepReviewDue(T, "2026-04-06").date).toBe("2026-07-22"); // Easter Monday 2026
    expect(pepReviewDue(T, "2027-03-26").date).toBe("2027-07-22"); // Good Friday 2027
  });
});

describe("school stability after a move", () => {
  it("5 working days, over Christmas", () => {
    expect(schoolStabilityDue("2026-12-23")).toEqual({
      date: "2027-01-04",
      workings: "5 working days after the placement move on 23 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    });
  });
});

describe("status", () => {
  it("due, overdue, completed, cancelled", () => {
    expect(statusOn({ dueDate: "2026-12-01", completedOn: null, cancelledOn: null }, "2026-12-01")).toBe("DUE");
    expect(statusOn({ dueDate: "2026-11-30", completedOn: null, cancelledOn: null }, "2026-12-01")).toBe("OVERDUE");
    expect(statusOn({ dueDate: "2026-11-30", completedOn: "2026-11-29", cancelledOn: null }, "2026-12-01")).toBe("COMPLETED");
    expect(statusOn({ dueDate: "2026-11-30", completedOn: null, cancelledOn: "2026-11-01" }, "2026-12-01")).toBe("CANCELLED");
  });
});

describe("attendance", () => {
  it.each([
    [100, 100, 100, false],
    [100, 90, 90, false],
    [100, 89, 89, true],
    [10000, 8999, 90, true], // 89.99% rounds to 90.0 but is still below 90%
    [120, 0, 0, true],
    [3, 2, 66.7, true],
  ])("%i possible, %i attended → %d%%, persistently absent %s", (possible, attended, pct, pa) => {
    expect(attendance(possible, attended)).toEqual({ percentage: pct, persistentlyAbsent: pa });
  });

  it("names the field and rule of bad counts", () => {
    expect(attendanceProblem(100, 101)?.slice(0, 2)).toEqual(["input.attendedSessions", "NOT_ABOVE_POSSIBLE"]);
    expect(attendanceProblem(0, 0)?.slice(0, 2)).toEqual(["input.possibleSessions", "POSITIVE_WHOLE_NUMBER"]);
    expect(attendanceProblem(10, -1)?.slice(0, 2)).toEqual(["input.attendedSessions", "NOT_NEGATIVE"]);
    expect(attendanceProblem(10, 10)).toBeNull();
  });
});

describe("exclusions and Pupil Premium Plus", () => {
  it("a suspension needs 1 to 45 school days; a permanent exclusion has none", () => {
    expect(exclusionProblem("SUSPENSION", 1)).toBeNull();
    expect(exclusionProblem("SUSPENSION", 45)).toBeNull();
    expect(exclusionProblem("SUSPENSION", 46)?.[1]).toBe("SUSPENSION_DAYS_RANGE");
    expect(exclusionProblem("SUSPENSION", 0)?.[1]).toBe("SUSPENSION_DAYS_RANGE");
    expect(exclusionProblem("SUSPENSION", null)?.[1]).toBe("DAYS_REQUIRED");
    expect(exclusionProblem("PERMANENT", null)).toBeNull();
    expect(exclusionProblem("PERMANENT", 5)?.[1]).toBe("NO_DAYS_FOR_PERMANENT");
  });
  it("an allocation is a positive number of pence with a purpose", () => {
    expect(pupilPremiumPlusProblem(60000, "tuition")).toBeNull();
    expect(pupilPremiumPlusProblem(0, "tuition")?.slice(0, 2)).toEqual(["input.amountPence", "POSITIVE_WHOLE_NUMBER"]);
    expect(pupilPremiumPlusProblem(100, " ")?.slice(0, 2)).toEqual(["input.purpose", "REQUIRED"]);
  });
});

describe("first PEP in an emergency placement: 10 working days", () => {
  it("over Easter 2027 (Good Friday 26 Mar, Easter Monday 29 Mar)", () => {
    expect(firstPepDue("2027-03-22", true)).toEqual({
      date: "2027-04-07",
      workings: "10 working days after becoming looked after in an emergency placement on 22 Mar 2027 (bank holidays 26 Mar, 29 Mar skipped)",
    });
  });
  it("over the late-May bank holiday 2027 (31 May)", () => {
    expect(firstPepDue("2027-05-24", true).date).toBe("2027-06-08");
    expect(firstPepDue("2027-05-24").date).toBe("2027-06-22");
  });
});

describe("PEPs start at 3: a child who came into care younger has the first PEP's clock start on the 3rd birthday", () => {
  it("looked after at 1: the clock starts on the 3rd birthday; at 3 or older, on becoming looked after", () => {
    expect(firstPepClock("E09000027", "2025-06-01", "2023-12-10")).toEqual({ from: "2026-12-10", startsAtAge: 3 });
    expect(firstPepClock("E09000027", "2026-12-09", "2023-12-10")).toEqual({ from: "2026-12-10", startsAtAge: 3 }); // the day before
    expect(firstPepClock("E09000027", "2026-12-10", "2023-12-10")).toEqual({ from: "2026-12-10", startsAtAge: null }); // the day of
    expect(firstPepClock("E09000027", "2026-12-11", "2023-12-10")).toEqual({ from: "2026-12-11", startsAtAge: null }); // the day after
    expect(firstPepClock("E09000027", "2026-12-11", null)).toEqual({ from: "2026-12-11", startsAtAge: null }); // date of birth unknown here yet
  });
  it("born 29 Feb 2024: the 3rd birthday is 1 Mar 2027", () => {
    expect(firstPepClock("E09000027", "2025-01-01", "2024-02-29")).toEqual({ from: "2027-03-01", startsAtAge: 3 });
  });
  it("due 20 working days after that birthday, over Christmas, saying why", () => {
    expect(firstPepDue("2026-12-10", false, 3)).toEqual({
      date: "2027-01-12",
      workings: "20 working days after the 3rd birthday (PEPs start at 3; looked after since before then) on 10 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    });
    // An emergency placement's 10 days do not apply to a PEP that starts on a birthday.
    expect(firstPepDue("2026-12-10", true, 3).date).toBe("2027-01-12");
  });
});
