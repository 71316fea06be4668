import { setClock } from "@caregraph/platform/clock";
import { eventually } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { APPLIED, ASSESS, DETAILS, harness, STATUS } from "./support";

const h = harness();
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

type Status = { id: string; status: string; decidedOn: string | null; leaveExpiresOn: string | null; renewalDueDate: string | null; current: boolean };
const TASK_EVENTS = ["StatutoryTaskScheduled", "StatutoryTaskCompleted", "StatutoryTaskCancelled"];

it("the contract: recordImmigrationStatus and recordAgeAssessment, then Child.uasc { immigrationStatus leaveExpiresOn ageAssessments { outcome assessedOn } }", async () => {
  const id = await h.child();
  const s = await h.mutate<Status>(STATUS, { childId: id, status: "DISCRETIONARY_LEAVE", decidedOn: "2026-11-02", leaveExpiresOn: "2027-05-31" });
  expect(s.error).toBeUndefined();
  expect(s.data).toMatchObject({ status: "DISCRETIONARY_LEAVE", decidedOn: "2026-11-02", leaveExpiresOn: "2027-05-31", renewalDueDate: "2027-02-26", current: true });
  const a = await h.mutate(ASSESS, { childId: id, assessedOn: "2026-11-20", outcome: "ACCEPTED", assessors: ["Sam Okafor", "Priya Shah"] });
  expect(a.error).toBeUndefined();
  expect(await h.uascOf(id, "immigrationStatus leaveExpiresOn ageAssessments { outcome assessedOn }")).toEqual({
    immigrationStatus: "DISCRETIONARY_LEAVE",
    leaveExpiresOn: "2027-05-31",
    ageAssessments: [{ outcome: "ACCEPTED", assessedOn: "2026-11-20" }],
  });
});

it("a child with nothing recorded here has no uasc record", async () => {
  expect(await h.uascOf(await h.child(), "childId")).toBeNull();
});

it("refugee status schedules LeaveToRemainRenewal 3 months before expiry; the events and chronology carry no Home Office reference", async () => {
  const id = await h.child();
  const l = await h.listen();
  try {
    expect((await h.mutate(DETAILS, { childId: id, homeOfficeReference: "b 765 4321" })).data).toMatchObject({ homeOfficeReference: "B7654321" });
    const s = await h.mutate<Status>(STATUS, { childId: id, status: "REFUGEE_STATUS", decidedOn: "2026-05-31", leaveExpiresOn: "2031-05-31" });
    expect(s.error).toBeUndefined();
    const events = await h.eventsFor(l, id, 3);
    expect(events.map((e) => e.type).sort()).toEqual(["ChronologyEntryRecorded", "ImmigrationStatusRecorded", "StatutoryTaskScheduled"]);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType.ImmigrationStatusRecorded!.payload).toEqual({ statusRecordId: s.data!.id, status: "REFUGEE_STATUS", decidedOn: "2026-05-31", leaveExpiresOn: "2031-05-31" });
    expect(byType.ImmigrationStatusRecorded).toMatchObject({ tenant: "E09000027", childId: id, source: "uasc" });
    expect(byType.StatutoryTaskScheduled!.payload).toEqual({
      taskId: expect.any(String),
      task: "LeaveToRemainRenewal",
      dueDate: "2031-02-28",
      authority: expect.stringContaining("Immigration Act 1971 s.3C"),
      explanation: "Leave to remain renewal due 28 Feb 2031: 3 months before the leave expires on 31 May 2031 (there is no 31 Feb: the month's last day)",
    });
    expect(byType.ChronologyEntryRecorded!.payload).toEqual({
      entryId: `immigration-status:${s.data!.id}`,
      kind: "ImmigrationStatus",
      on: "2026-05-31",
      summary: "Refugee status granted, leave until 31 May 2031",
    });
    // Nothing published — domain events, chronology, the audit trail's copies — holds the reference.
    await h.eventsFor(l, id, 2, "AuditRecorded");
    expect(l.messages.filter((m) => m.key === id).map((m) => m.value).join("\n")).not.toMatch(/7654321/);
    expect(
      await h.uascOf(id, "immigrationStatus immigrationStatusDecidedOn leaveExpiresOn leaveRenewalDueDate leaveRenewalExplanation homeOfficeReference"),
    ).toEqual({
      immigrationStatus: "REFUGEE_STATUS",
      immigrationStatusDecidedOn: "2026-05-31",
      leaveExpiresOn: "2031-05-31",
      leaveRenewalDueDate: "2031-02-28",
      leaveRenewalExplanation: "Leave to remain renewal due 28 Feb 2031: 3 months before the leave expires on 31 May 2031 (there is no 31 Feb: the month's last day)",
      homeOfficeReference: "B7654321",
    });
  } finally {
    await l.stop();
  }
});

it("a new expiry moves the task (same task id, new date); a status without expiry cancels it", async () => {
  const id = await h.child();
  const l = await h.listen();
  try {
    await h.mutate(STATUS, { childId: id, status: "DISCRETIONARY_LEAVE", decidedOn: "2026-06-01", leaveExpiresOn: "2027-05-31" });
    expect(await h.uascOf(id, "leaveRenewalDueDate")).toEqual({ leaveRenewalDueDate: "2027-02-26" });
    await h.mutate(STATUS, { childId: id, status: "LIMITED_LEAVE_TO_REMAIN", decidedOn: "2026-11-30", leaveExpiresOn: "2028-05-31" });
    expect(await h.uascOf(id, "leaveRenewalDueDate leaveRenewalExplanation")).toEqual({
      leaveRenewalDueDate: "2028-02-29",
      leaveRenewalExplanation: "Leave to remain renewal due 29 Feb 2028: 3 months before the leave expires on 31 May 2028 (there is no 31 Feb: the month's last day)",
    });
    await h.mutate(STATUS, { childId: id, status: "INDEFINITE_LEAVE_TO_REMAIN", decidedOn: "2026-12-01" });
    expect(await h.uascOf(id, "immigrationStatus leaveExpiresOn leaveRenewalDueDate")).toEqual({ immigrationStatus: "INDEFINITE_LEAVE_TO_REMAIN", leaveExpiresOn: null, leaveRenewalDueDate: null });

    const tasks = (await h.eventsFor(l, id, 9)).filter((e) => TASK_EVENTS.includes(e.type));
    expect(tasks.map((e) => [e.type, (e.payload as { dueDate: string }).dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2027-02-26"],
      ["StatutoryTaskScheduled", "2028-02-29"],
      ["StatutoryTaskCancelled", "2028-02-29"],
    ]);
    expect(new Set(tasks.map((e) => (e.payload as { taskId: string }).taskId)).size).toBe(1);
    expect((tasks[2]!.payload as { reason: string }).reason).toBe("no leave to renew: the current status is indefinite leave to remain granted");
  } finally {
    await l.stop();
  }
});

it("the same expiry recorded again (a corrected status) does not move the task; an older status recorded later is history, not current", async () => {
  const id = await h.child();
  await h.mutate(STATUS, { childId: id, status: "DISCRETIONARY_LEAVE", decidedOn: "2026-06-01", leaveExpiresOn: "2027-11-30" });
  await h.mutate(STATUS, { childId: id, status: "LIMITED_LEAVE_TO_REMAIN", decidedOn: "2026-06-01", leaveExpiresOn: "2027-11-30" });
  const claim = await h.mutate<Status>(STATUS, { childId: id, status: "ASYLUM_CLAIMED", decidedOn: "2025-01-10" });
  expect(claim.data).toMatchObject({ current: false });
  const u = await h.uascOf<{ statusHistory: { status: string; current: boolean }[] }>(
    id,
    "immigrationStatus asylumClaimedOn leaveRenewalDueDate statusHistory { status current }",
  );
  expect(u).toEqual({
    immigrationStatus: "LIMITED_LEAVE_TO_REMAIN",
    asylumClaimedOn: "2025-01-10",
    leaveRenewalDueDate: "2027-08-27", // 30 Aug 2027 is the summer bank holiday
    statusHistory: [
      { status: "ASYLUM_CLAIMED", current: false },
      { status: "DISCRETIONARY_LEAVE", current: false },
      { status: "LIMITED_LEAVE_TO_REMAIN", current: true },
    ],
  });
  const [tasks] = await h.db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM uasc.outbox_event WHERE key = $1 AND type = 'StatutoryTaskScheduled'`,
    id,
  );
  expect(tasks!.n).toBe(1);
});

it("an application for further leave completes the task; the next grant schedules a new one", async () => {
  const id = await h.child();
  const l = await h.listen();
  try {
    await h.mutate(STATUS, { childId: id, status: "UASC_LEAVE", decidedOn: "2026-03-01", leaveExpiresOn: "2027-03-28" });
    expect(await h.uascOf(id, "leaveRenewalDueDate leaveRenewalExplanation")).toEqual({
      leaveRenewalDueDate: "2026-12-24",
      leaveRenewalExplanation:
        "Leave to remain renewal due 24 Dec 2026: 3 months before the leave expires on 28 Mar 2027 is 28 Dec 2026, a bank holiday: brought forward to the working day before",
    });
    const applied = await h.mutate(APPLIED, { childId: id, appliedOn: "2026-12-01" });
    expect(applied.error).toBeUndefined();
    expect(await h.uascOf(id, "furtherLeaveAppliedOn leaveRenewalDueDate")).toEqual({ furtherLeaveAppliedOn: "2026-12-01", leaveRenewalDueDate: null });
    await h.mutate(STATUS, { childId: id, status: "DISCRETIONARY_LEAVE", decidedOn: "2026-12-01", leaveExpiresOn: "2029-03-28" });
    expect(await h.uascOf(id, "furtherLeaveAppliedOn leaveRenewalDueDate")).toEqual({ furtherLeaveAppliedOn: null, leaveRenewalDueDate: "2028-12-28" });

    const events = await h.eventsFor(l, id, 9);
    const tasks = events.filter((e) => TASK_EVENTS.includes(e.type)).map((e) => ({ type: e.type, ...(e.payload as { taskId: string; dueDate: string }) }));
    expect(tasks.map((t) => [t.type, t.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2026-12-24"],
      ["StatutoryTaskCompleted", "2026-12-24"],
      ["StatutoryTaskScheduled", "2028-12-28"],
    ]);
    expect(tasks[1]).toMatchObject({ taskId: tasks[0]!.taskId, completedOn: "2026-12-01" });
    expect(tasks[2]!.taskId).not.toBe(tasks[0]!.taskId);
    expect(events.find((e) => e.type === "ChronologyEntryRecorded" && (e.payload as { kind: string }).kind === "FurtherLeaveApplication")?.payload).toMatchObject({
      on: "2026-12-01",
      summary: "Applied for further leave to remain, before the leave expires on 28 Mar 2027",
    });
  } finally {
    await l.stop();
  }
});

it("the same application sent six times at once is recorded once; the rest are told it is already recorded", async () => {
  const id = await h.child();
  await h.mutate(STATUS, { childId: id, status: "HUMANITARIAN_PROTECTION", decidedOn: "2026-01-15", leaveExpiresOn: "2031-01-15" });
  const answers = await Promise.all(Array.from({ length: 6 }, () => h.mutate(APPLIED, { childId: id, appliedOn: "2026-11-30" })));
  expect(answers.filter((a) => !a.error)).toHaveLength(1);
  expect(answers.filter((a) => a.error?.extensions?.rule === "ALREADY_APPLIED")).toHaveLength(5);
  const [done] = await h.db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM uasc.outbox_event WHERE key = $1 AND type = 'StatutoryTaskCompleted'`, id);
  expect(done!.n).toBe(1);
});

describe("bad input is refused naming the field and the rule, and nothing is written", () => {
  const ASSESSORS = ["Sam Okafor", "Priya Shah"];
  it.each([
    ["leave expiring before the decision", STATUS, { status: "LIMITED_LEAVE_TO_REMAIN", decidedOn: "2026-06-01", leaveExpiresOn: "2026-05-31" }, "input.leaveExpiresOn", "EXPIRES_AFTER_DECISION"],
    ["leave expiring on the day of the decision", STATUS, { status: "DISCRETIONARY_LEAVE", decidedOn: "2026-06-01", leaveExpiresOn: "2026-06-01" }, "input.leaveExpiresOn", "EXPIRES_AFTER_DECISION"],
    ["refugee status without an expiry", STATUS, { status: "REFUGEE_STATUS", decidedOn: "2026-06-01" }, "input.leaveExpiresOn", "LEAVE_EXPIRY_REQUIRED"],
    ["limited leave without an expiry", STATUS, { status: "LIMITED_LEAVE_TO_REMAIN", decidedOn: "2026-06-01" }, "input.leaveExpiresOn", "LEAVE_EXPIRY_REQUIRED"],
    ["indefinite leave with an expiry", STATUS, { status: "INDEFINITE_LEAVE_TO_REMAIN", decidedOn: "2026-06-01", leaveExpiresOn: "2031-06-01" }, "input.leaveExpiresOn", "NO_EXPIRY_FOR_PERMANENT_STATUS"],
    ["British citizenship with an expiry", STATUS, { status: "BRITISH_CITIZEN", decidedOn: "2026-06-01", leaveExpiresOn: "2031-06-01" }, "input.leaveExpiresOn", "NO_EXPIRY_FOR_PERMANENT_STATUS"],
    ["a decision in the future", STATUS, { status: "ASYLUM_CLAIMED", decidedOn: "2026-12-02" }, "input.decidedOn", "NOT_IN_FUTURE"],
    ["a decision before the child was born", STATUS, { status: "ASYLUM_CLAIMED", decidedOn: "2010-04-19" }, "input.decidedOn", "NOT_BEFORE_BIRTH"],
    ["one assessor", ASSESS, { assessedOn: "2026-11-20", outcome: "ACCEPTED", assessors: ["Sam Okafor"] }, "input.assessors", "TWO_ASSESSORS"],
    ["an assessment before the child's date of birth", ASSESS, { assessedOn: "2010-04-19", outcome: "ACCEPTED", assessors: ASSESSORS }, "input.assessedOn", "NOT_BEFORE_BIRTH"],
    ["an assessment in the future", ASSESS, { assessedOn: "2026-12-02", outcome: "ACCEPTED", assessors: ASSESSORS }, "input.assessedOn", "NOT_IN_FUTURE"],
    ["an interpreter needed but not present", ASSESS, { assessedOn: "2026-11-20", outcome: "ACCEPTED", assessors: ASSESSORS, interpreterLanguage: "Pashto" }, "input.interpreterPresent", "INTERPRETER_PRESENT"],
    ["a malformed Home Office reference", DETAILS, { homeOfficeReference: "12345678" }, "input.homeOfficeReference", "HOME_OFFICE_REFERENCE_FORMAT"],
    ["an application with no leave to renew", APPLIED, { appliedOn: "2026-11-01" }, "input.childId", "NO_LEAVE_TO_RENEW"],
  ])("%s", async (_label, doc, bad, field, rule) => {
    const id = await h.child("2010-04-20");
    const r = await h.mutate(doc, { childId: id, ...bad });
    expect(r.error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(r.error?.message).toContain(field);
    expect(await h.uascOf(id, "childId")).toBeNull();
    expect(await h.written(id)).toEqual({ events: 0, audits: 0 });
  });

  it("the date of birth is the children domain's: a corrected ChildRegistered moves the rule", async () => {
    const id = await h.child("2010-04-20");
    await h.send(h.childEvent("ChildRegistered", id, { dateOfBirth: "2011-01-05", lookedAfterSince: "2026-09-01" }));
    await eventually(async () => {
      const [k] = await h.db().$queryRawUnsafe<{ dob: string }[]>(`SELECT date_of_birth::text AS dob FROM uasc.known_child WHERE id = $1::uuid`, id);
      return k?.dob === "2011-01-05";
    });
    const r = await h.mutate(ASSESS, { childId: id, assessedOn: "2010-12-31", outcome: "ACCEPTED", assessors: ASSESSORS });
    expect(r.error?.extensions).toMatchObject({ field: "input.assessedOn", rule: "NOT_BEFORE_BIRTH" });
    expect(r.error?.message).toContain("5 Jan 2011");
  });

  it("an unknown child is NOT_FOUND naming input.childId", async () => {
    const r = await h.mutate(STATUS, { childId: randomUUID(), status: "ASYLUM_CLAIMED", decidedOn: "2026-11-01" });
    expect(r.error?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.childId" });
  });
});
