import { checkVisit, firstAnniversary, firstVisitDue, nextVisitDue, visitAuthority, visitDue, visitExplanation } from "../src/domain/statutory-visits";

describe("when statutory visits fall due (CPPCR 2010 reg 28(2))", () => {
  it("the first visit is due 1 week after the placement starts", () => {
    expect(visitExplanation(firstVisitDue("2026-12-01"))).toBe("Statutory visit due 8 Dec 2026: 1 week after the start of the placement on 1 Dec 2026");
  });

  it("a placement starting on a Saturday before Christmas: a week is 7 calendar days, bank holidays included", () => {
    expect(firstVisitDue("2026-12-19").date).toBe("2026-12-26");
  });

  it("a placement starting at a month end: the week runs into the next month (and year)", () => {
    expect(firstVisitDue("2026-12-31").date).toBe("2027-01-07");
    expect(firstVisitDue("2027-02-28").date).toBe("2027-03-07");
  });

  it("a placement starting on Good Friday or the August bank holiday: still 7 days", () => {
    expect(firstVisitDue("2027-03-26").date).toBe("2027-04-02");
    expect(firstVisitDue("2026-08-31").date).toBe("2026-09-07");
  });

  it("in the placement's first year the next visit is due within 6 weeks of the last visit", () => {
    const p = { startDate: "2026-11-24", intendedToLastUntil18: true };
    expect(nextVisitDue(p, "2026-12-01")).toEqual({
      date: "2027-01-12",
      workings: "6 weeks after the last visit on 1 Dec 2026 (first year of the placement that started on 24 Nov 2026)",
    });
  });

  it("the next visit counts from the visit actually made, even a late one", () => {
    const p = { startDate: "2026-05-18", intendedToLastUntil18: false };
    // The 1-week visit was due 25 May (late-May bank holiday) but made on 29 May.
    expect(nextVisitDue(p, "2026-05-29").date).toBe("2026-07-10");
  });

  it.each([
    [true, "2027-04-11", "2027-06-01"],
    [false, "2027-04-11", "2027-04-12"],
  ])(
    "across the first anniversary (intended to last until 18: %s): an interval starting before it is a first-year interval",
    (intendedToLastUntil18, afterVisitTheDayBefore, afterVisitOnTheDay) => {
      const p = { startDate: "2026-03-01", intendedToLastUntil18 };
      expect(firstAnniversary(p.startDate)).toBe("2027-03-01");
      expect(nextVisitDue(p, "2027-02-28").date).toBe(afterVisitTheDayBefore);
      expect(nextVisitDue(p, "2027-03-01").date).toBe(afterVisitOnTheDay);
    },
  );

  it("after the first year, a placement intended to last until 18 is visited at least every 3 months (month end clamped)", () => {
    const p = { startDate: "2025-11-30", intendedToLastUntil18: true };
    expect(nextVisitDue(p, "2026-11-30")).toEqual({
      date: "2027-02-28",
      workings: "3 months after the last visit on 30 Nov 2026 (there is no 30 Feb: the month's last day) (placement intended to last until 18, past its first year)",
    });
    expect(visitAuthority(p, "PREVIOUS_VISIT", "2026-11-30")).toContain("reg 28(2)(c)(i)");
  });

  it("a placement starting on 29 February has its first anniversary on 28 February", () => {
    expect(firstAnniversary("2028-02-29")).toBe("2029-02-28");
  });

  /** Visits made on each due date from the start of the placement, up to `until`. */
  function schedule(startDate: string, intendedToLastUntil18: boolean, until: string): string[] {
    const p = { startDate, intendedToLastUntil18 };
    const made: string[] = [];
    let due = visitDue(p, "PLACEMENT_START", startDate).date;
    while (due <= until) {
      made.push(due);
      due = visitDue(p, "PREVIOUS_VISIT", due).date;
    }
    return made;
  }

  it("a placement intended to last until 18: weekly, then 6-weekly for a year, then 3-monthly (two years shown)", () => {
    const visits = schedule("2026-01-05", true, "2028-01-05");
    expect(visits.slice(0, 3)).toEqual(["2026-01-12", "2026-02-23", "2026-04-06"]);
    // The last first-year interval starts on 14 Dec 2026 (before the anniversary on 5 Jan 2027)…
    expect(visits).toContain("2026-12-14");
    expect(visits).toContain("2027-01-25");
    // …and the visit after it, on 25 Jan 2027, starts the 3-monthly pattern.
    expect(visits.slice(visits.indexOf("2027-01-25"))).toEqual(["2027-01-25", "2027-04-25", "2027-07-25", "2027-10-25"]);
  });

  it("a placement not intended to last until 18 stays 6-weekly past its first anniversary", () => {
    const visits = schedule("2026-01-05", false, "2027-06-30");
    const gaps = visits.slice(1).map((d, i) => (Date.parse(d) - Date.parse(visits[i]!)) / 86_400_000);
    expect(new Set(gaps)).toEqual(new Set([42]));
    expect(visits.at(-1)).toBe("2027-05-31");
  });
});

describe("recording a visit (checkVisit)", () => {
  const base = { today: "2026-12-18", placementStart: "2026-12-07", lastVisitedOn: "2026-12-11" };
  const rule = (visitedOn: string, over: Partial<typeof base> = {}) => {
    try {
      checkVisit({ ...base, ...over, visitedOn });
      return "ok";
    } catch (e) {
      return (e as { extensions: { rule: string } }).extensions.rule;
    }
  };
  it("refuses a visit before the placement, in the future, before the last visit, or twice on one day", () => {
    expect(rule("2026-12-06")).toBe("VISIT_BEFORE_PLACEMENT_START");
    expect(rule("2026-12-19")).toBe("NOT_IN_FUTURE");
    expect(rule("2026-12-10")).toBe("VISIT_BEFORE_PREVIOUS_VISIT");
    expect(rule("2026-12-11")).toBe("VISIT_ALREADY_RECORDED");
    expect(rule("2026-12-14")).toBe("ok");
    expect(rule("2026-12-07", { lastVisitedOn: null as unknown as string })).toBe("ok");
  });
});
