import {
  checkEpisodeEnd,
  checkEpisodeStart,
  checkReturnHomeInterview,
  formatInstant,
  returnHomeInterviewDue,
} from "../src/domain/missing-episodes";

const rule = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { field?: string; rule?: string } }).extensions;
  }
  return undefined;
};
const at = (iso: string) => new Date(iso);

describe("return home interview due 72 hours (elapsed) after the return (DfE statutory guidance, Jan 2014)", () => {
  it("a return on Friday 18 Dec 2026 at 14:30 makes the interview due on Monday 21 Dec at 14:30, weekend counted", () => {
    expect(returnHomeInterviewDue(at("2026-12-18T14:30:00Z"))).toEqual({
      dueAt: at("2026-12-21T14:30:00Z"),
      dueDate: "2026-12-21",
      explanation: "Return home interview due 21 Dec 2026 14:30: 72 hours after the return at 18 Dec 2026 14:30",
    });
  });

  it("Christmas and New Year are not skipped: hours, not working days", () => {
    expect(returnHomeInterviewDue(at("2026-12-24T09:00:00Z")).dueDate).toBe("2026-12-27");
    expect(returnHomeInterviewDue(at("2026-12-31T23:30:00Z"))).toMatchObject({ dueAt: at("2027-01-03T23:30:00Z"), dueDate: "2027-01-03" });
  });

  it("Easter 2027 (and the clocks going forward on Easter Sunday): 72 elapsed hours land an hour later on the wall clock", () => {
    const due = returnHomeInterviewDue(at("2027-03-26T12:00:00Z")); // Good Friday 12:00 GMT
    expect(due.dueAt).toEqual(at("2027-03-29T12:00:00Z")); // Easter Monday 13:00 BST
    expect(due.explanation).toBe("Return home interview due 29 Mar 2027 13:00 BST: 72 hours after the return at 26 Mar 2027 12:00 GMT");
  });

  it("the clocks going back in October: due an hour earlier on the wall clock", () => {
    const due = returnHomeInterviewDue(at("2026-10-23T14:30:00+01:00"));
    expect(due.dueAt).toEqual(at("2026-10-26T13:30:00Z"));
    expect(due.explanation).toBe("Return home interview due 26 Oct 2026 13:30 GMT: 72 hours after the return at 23 Oct 2026 14:30 BST");
  });

  it("the late-May and August bank holidays count like any other day", () => {
    expect(returnHomeInterviewDue(at("2027-05-28T20:00:00+01:00")).dueAt).toEqual(at("2027-05-31T19:00:00Z"));
    expect(returnHomeInterviewDue(at("2026-08-29T10:00:00+01:00")).dueDate).toBe("2026-09-01");
  });

  it("the due date is the day in England, not in UTC (a return just after midnight BST at a month end)", () => {
    const due = returnHomeInterviewDue(at("2026-06-30T23:30:00Z")); // 1 Jul 00:30 BST
    expect(due.dueDate).toBe("2026-07-04");
    expect(formatInstant(at("2026-06-30T23:30:00Z"))).toBe("1 Jul 2026 00:30");
  });
});

describe("missing episode rules", () => {
  const now = at("2026-12-20T12:00:00Z");
  const dob = "2012-04-01";
  const open = { startedAt: at("2026-12-10T20:00:00Z"), endedAt: null };
  const closed = { startedAt: at("2026-12-01T20:00:00Z"), endedAt: at("2026-12-03T08:00:00Z") };

  it("a child cannot have two open episodes", () => {
    expect(rule(() => checkEpisodeStart(at("2026-12-15T10:00:00Z"), [open], dob, now))).toMatchObject({ field: "input.childId", rule: "SECOND_OPEN_EPISODE" });
    expect(rule(() => checkEpisodeStart(at("2026-12-15T10:00:00Z"), [closed], dob, now))).toBeUndefined();
  });

  it("a new episode cannot start inside an earlier one", () => {
    expect(rule(() => checkEpisodeStart(at("2026-12-02T10:00:00Z"), [closed], dob, now))).toMatchObject({ rule: "EPISODE_OVERLAP" });
    expect(rule(() => checkEpisodeStart(at("2026-12-03T08:00:00Z"), [closed], dob, now))).toBeUndefined();
  });

  it("an episode starts neither in the future nor before birth (the day of birth in England)", () => {
    expect(rule(() => checkEpisodeStart(at("2026-12-20T12:00:01Z"), [], dob, now))).toMatchObject({ field: "input.startedAt", rule: "NOT_IN_FUTURE" });
    expect(rule(() => checkEpisodeStart(at("2012-03-31T22:59:00Z"), [], dob, now))).toMatchObject({ rule: "NOT_BEFORE_BIRTH" });
    expect(rule(() => checkEpisodeStart(at("2012-03-31T23:00:00Z"), [], dob, now))).toBeUndefined(); // 1 Apr 00:00 BST
  });

  it("an episode cannot end before it starts, nor in the future, nor twice", () => {
    expect(rule(() => checkEpisodeEnd(open, at("2026-12-10T19:59:00Z"), now))).toMatchObject({ field: "input.endedAt", rule: "END_BEFORE_START" });
    expect(rule(() => checkEpisodeEnd(open, at("2026-12-21T00:00:00Z"), now))).toMatchObject({ field: "input.endedAt", rule: "NOT_IN_FUTURE" });
    expect(rule(() => checkEpisodeEnd(closed, at("2026-12-05T00:00:00Z"), now))).toMatchObject({ field: "input.episodeId", rule: "EPISODE_ENDED" });
    expect(rule(() => checkEpisodeEnd(open, at("2026-12-10T20:00:00Z"), now))).toBeUndefined();
  });

  it("the interview is not before the return, not in the future, and held or declined once", () => {
    const ended = { ...closed, returnInterviewHeldAt: null, returnInterviewDeclined: false };
    expect(rule(() => checkReturnHomeInterview({ ...open, returnInterviewHeldAt: null, returnInterviewDeclined: false }, { heldAt: now }, now))).toMatchObject({ rule: "NOT_RETURNED" });
    expect(rule(() => checkReturnHomeInterview(ended, { heldAt: at("2026-12-03T07:59:00Z") }, now))).toMatchObject({ field: "input.heldAt", rule: "INTERVIEW_BEFORE_RETURN" });
    expect(rule(() => checkReturnHomeInterview(ended, { offeredAt: at("2026-12-02T07:59:00Z") }, now))).toMatchObject({ field: "input.offeredAt", rule: "INTERVIEW_BEFORE_RETURN" });
    expect(rule(() => checkReturnHomeInterview(ended, { heldAt: at("2026-12-21T07:59:00Z") }, now))).toMatchObject({ rule: "NOT_IN_FUTURE" });
    expect(rule(() => checkReturnHomeInterview(ended, {}, now))).toMatchObject({ rule: "NOTHING_RECORDED" });
    expect(rule(() => checkReturnHomeInterview(ended, { heldAt: now, declined: true }, now))).toMatchObject({ rule: "HELD_OR_DECLINED" });
    expect(rule(() => checkReturnHomeInterview({ ...ended, returnInterviewDeclined: true }, { heldAt: now }, now))).toMatchObject({ rule: "INTERVIEW_RECORDED" });
    expect(rule(() => checkReturnHomeInterview(ended, { heldAt: at("2026-12-04T10:00:00Z") }, now))).toBeUndefined();
  });
});
