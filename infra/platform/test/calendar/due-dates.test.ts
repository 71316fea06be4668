import { explain, formatDate, monthsAfterExplained, workingDaysAfterExplained } from "../../src/calendar";

describe("due dates that show their working", () => {
  it("an ICPC 15 working days after a strategy discussion on 18 Dec 2026 names the Christmas and New Year bank holidays", () => {
    const due = workingDaysAfterExplained("2026-12-18", 15, "the strategy discussion");
    expect(due.date).toBe("2027-01-13");
    expect(explain("Initial child protection conference", due)).toBe(
      "Initial child protection conference due 13 Jan 2027: 15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    );
  });

  it("over Easter 2027 (Good Friday 26 Mar, Easter Monday 29 Mar) the skipped days are named", () => {
    const due = workingDaysAfterExplained("2027-03-24", 5, "becoming looked after");
    expect(due).toEqual({ date: "2027-04-02", workings: "5 working days after becoming looked after on 24 Mar 2027 (bank holidays 26 Mar, 29 Mar skipped)" });
  });

  it("weekends alone are not called out", () => {
    expect(workingDaysAfterExplained("2026-11-06", 1, "the ICPC").workings).toBe("1 working day after the ICPC on 6 Nov 2026");
  });

  it("months clamp to the month's end and say so", () => {
    expect(monthsAfterExplained("2026-08-31", 6, "the last review")).toEqual({
      date: "2027-02-28",
      workings: "6 months after the last review on 31 Aug 2026 (there is no 31 Feb: the month's last day)",
    });
    expect(formatDate("2027-01-05")).toBe("5 Jan 2027");
  });
});
