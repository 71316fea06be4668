import { complianceSummary, completedOnTime, taskStatus, TrayTaskFacts } from "../src/domain/work-tray";

const open = (dueDate: string, dueAt: Date | null = null): TrayTaskFacts => ({ state: "OPEN", dueDate, dueAt, completedOn: null, completedAt: null });
const noon = (d: string) => new Date(`${d}T12:00:00Z`);

describe("how a work-tray task stands", () => {
  it("is due soon within 5 working days, counting over Christmas and New Year", () => {
    // Mon 21 Dec 2026: the 5th working day after is Wed 30 Dec (25 and 28 Dec are bank holidays).
    expect(taskStatus(open("2026-12-30"), "2026-12-21", noon("2026-12-21"))).toBe("DUE_SOON");
    expect(taskStatus(open("2026-12-31"), "2026-12-21", noon("2026-12-21"))).toBe("DUE");
  });

  it("is due soon on its due day and overdue the day after", () => {
    expect(taskStatus(open("2026-11-30"), "2026-11-30", noon("2026-11-30"))).toBe("DUE_SOON");
    expect(taskStatus(open("2026-11-30"), "2026-12-01", noon("2026-12-01"))).toBe("OVERDUE");
  });

  it("a deadline in hours is overdue the moment it passes, on the same day", () => {
    const t = open("2026-12-04", new Date("2026-12-04T10:00:00Z"));
    expect(taskStatus(t, "2026-12-04", new Date("2026-12-04T09:59:00Z"))).toBe("DUE_SOON");
    expect(taskStatus(t, "2026-12-04", new Date("2026-12-04T10:01:00Z"))).toBe("OVERDUE");
  });

  it("done on the due day is on time, the day after is late; cancelled is neither", () => {
    const done = (completedOn: string): TrayTaskFacts => ({ ...open("2026-11-30"), state: "DONE", completedOn });
    expect(completedOnTime(done("2026-11-30"))).toBe(true);
    expect(completedOnTime(done("2026-12-01"))).toBe(false);
    expect(taskStatus(done("2026-12-01"), "2027-01-01", noon("2027-01-01"))).toBe("DONE");
    expect(completedOnTime({ ...open("2026-11-30"), state: "CANCELLED" })).toBeNull();
  });

  it("the compliance summary counts per kind: due, on time, late, overdue — cancelled left out", () => {
    const today = "2026-12-10";
    const lines = complianceSummary(
      [
        { ...open("2026-12-01"), kind: "StatutoryVisit", state: "DONE", completedOn: "2026-12-01" },
        { ...open("2026-12-01"), kind: "StatutoryVisit", state: "DONE", completedOn: "2026-12-03" },
        { ...open("2026-12-05"), kind: "StatutoryVisit" },
        { ...open("2026-12-20"), kind: "StatutoryVisit" },
        { ...open("2026-12-05"), kind: "StatutoryVisit", state: "CANCELLED" },
        { ...open("2026-12-02"), kind: "LookedAfterReview", state: "DONE", completedOn: "2026-12-02" },
      ],
      today,
      noon(today),
    );
    expect(lines).toEqual([
      { kind: "LookedAfterReview", due: 1, doneOnTime: 1, doneLate: 0, overdue: 0, notYetDue: 0 },
      { kind: "StatutoryVisit", due: 4, doneOnTime: 1, doneLate: 1, overdue: 1, notYetDue: 1 },
    ]);
  });
});
