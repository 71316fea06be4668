import { addDays } from "@caregraph/platform/calendar";
import { firstReviewDue, nextReviewDue, reviewDue, reviewExplanation } from "../src/domain/looked-after-reviews";

describe("when looked-after reviews fall due (CPPCR 2010 reg 33)", () => {
  it("the first review is due 20 working days after the child becomes looked after", () => {
    expect(firstReviewDue("2026-11-02")).toEqual({
      date: "2026-11-30",
      workings: "20 working days after becoming looked after on 2 Nov 2026",
    });
  });

  it("a first review for a child looked after just before Easter 2027 skips Good Friday and Easter Monday", () => {
    expect(firstReviewDue("2027-03-22").date).toBe("2027-04-21");
    expect(reviewExplanation(1, "2027-03-22")).toBe(
      "Looked-after review 1 due 21 Apr 2027: 20 working days after becoming looked after on 22 Mar 2027 (bank holidays 26 Mar, 29 Mar skipped)",
    );
  });

  it("a first review for a child looked after in mid-December skips Christmas, Boxing Day and New Year", () => {
    expect(firstReviewDue("2025-12-15").date).toBe("2026-01-15");
    expect(firstReviewDue("2025-12-15").workings).toContain("bank holidays 25 Dec, 26 Dec, 1 Jan skipped");
  });

  it("a child who becomes looked after on a Saturday: counting starts on the Monday; the substitute Boxing Day is skipped", () => {
    // Sat 5 Dec 2026; Boxing Day falls on a Saturday in 2026, so Mon 28 Dec is the bank holiday.
    expect(firstReviewDue("2026-12-05")).toEqual({
      date: "2027-01-06",
      workings: "20 working days after becoming looked after on 5 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    });
  });

  it("a first review across the late-May bank holiday", () => {
    expect(firstReviewDue("2026-05-18").date).toBe("2026-06-16");
    expect(firstReviewDue("2026-05-18").workings).toContain("bank holiday 25 May skipped");
  });

  it("a first review across the August bank holiday", () => {
    expect(firstReviewDue("2026-08-14").date).toBe("2026-09-14");
    expect(firstReviewDue("2026-08-14").workings).toContain("bank holiday 31 Aug skipped");
  });

  it("the second review is due 3 months after the first, clamped to the month's end", () => {
    expect(nextReviewDue(1, "2026-11-30")).toEqual({
      date: "2027-02-28",
      workings: "3 months after review 1 on 30 Nov 2026 (there is no 30 Feb: the month's last day)",
    });
  });

  it("later reviews are due 6 months after the previous one (a leap-year February end)", () => {
    expect(nextReviewDue(2, "2027-08-31")).toEqual({
      date: "2028-02-29",
      workings: "6 months after review 2 on 31 Aug 2027 (there is no 31 Feb: the month's last day)",
    });
    expect(nextReviewDue(5, "2027-01-15").date).toBe("2027-07-15");
  });

  it("a review held early moves the next due date from the day it was actually held", () => {
    // Review 1 was due 30 Nov 2026 but held on 20 Nov: review 2 is due 20 Feb 2027, not 28 Feb.
    expect(nextReviewDue(1, "2026-11-20").date).toBe("2027-02-20");
  });

  it("a schedule held on each due date runs 20 working days, 3 months, then 6-monthly for over two years", () => {
    const held: string[] = [];
    let due = reviewDue(1, "2026-11-02").date;
    for (let sequence = 1; sequence <= 5; sequence++) {
      held.push(due);
      due = nextReviewDue(sequence, due).date;
    }
    expect(held).toEqual(["2026-11-30", "2027-02-28", "2027-08-28", "2028-02-28", "2028-08-28"]);
    expect(due).toBe("2029-02-28");
  });

  it("a schedule where each review is a week early keeps moving forward from the actual dates", () => {
    let from = "2026-11-02";
    const dues: string[] = [];
    for (let sequence = 1; sequence <= 4; sequence++) {
      const due = reviewDue(sequence, from).date;
      dues.push(due);
      from = addDays(due, -7);
    }
    expect(dues).toEqual(["2026-11-30", "2027-02-23", "2027-08-16", "2028-02-09"]);
  });
});
