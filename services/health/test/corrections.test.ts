import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

const env = serviceUnderTest(health);
const TENANT = "E09000027";

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const placementEvent = (childId: string, payload: Record<string, unknown>) =>
  envelope({ type: "PlacementStarted", childId, payload }, { tenant: TENANT, source: "placements", actor: "test" });
const send = (topic: string, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), topic, events);

const processed = (eventId: string) =>
  eventually(async () =>
    (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", eventId)).length === 1,
  );

/** A child the children domain has registered; looked after from `since` if given. Resolves once processed. */
async function child(since: string | null, dateOfBirth = "2015-03-03") {
  const id = randomUUID();
  const events = [childEvent("ChildRegistered", id, { dateOfBirth, lookedAfterSince: null })];
  if (since) events.push(childEvent("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" }));
  await send(eventsTopic("children"), ...events);
  await processed(events.at(-1)!.id);
  return id;
}
async function becameLookedAfter(id: string, date: string) {
  const e = childEvent("ChildBecameLookedAfter", id, { date, legalStatus: "C2" });
  await send(eventsTopic("children"), e);
  await processed(e.id);
}

type Assessment = { id: string; kind: string; reason: string; dueDate: string; completedOn: string | null; status: string; explanation: string };
const FIELDS = "id kind reason dueDate completedOn status explanation";
const ASSESSMENTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthAssessments { ${FIELDS} } } } }`;
async function assessments(childId: string): Promise<Assessment[]> {
  const r = await env.svc.query<{ _entities: ({ healthAssessments: Assessment[] } | null)[] }>(env.token, ASSESSMENTS, {
    reps: [{ __typename: "Child", id: childId }],
  });
  return r.data?._entities[0]?.healthAssessments ?? [];
}
const open = async (childId: string) => (await assessments(childId)).filter((a) => a.status === "DUE" || a.status === "OVERDUE");

const RECORD = `mutation($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { ${FIELDS} } }`;
const AMEND = `mutation($input: AmendHealthAssessmentInput!) { amendHealthAssessment(input: $input) { ${FIELDS} } }`;
const VOID = `mutation($input: VoidHealthAssessmentInput!) { voidHealthAssessment(input: $input) { ${FIELDS} } }`;
const record = async (input: Record<string, unknown>, token = env.token) =>
  env.svc.query<{ recordHealthAssessment: Assessment }>(token, RECORD, { input });

describe("the initial health assessment only counts an assessment from the 3 months before care (CPPCR 2010 reg 7)", () => {
  it.each([
    ["11 months before", "2025-07-15", 1],
    ["3 months and a day before", "2026-03-14", 1],
    ["exactly 3 months before", "2026-03-15", 0],
  ])("an assessment done %s becoming looked after on 15 June 2026 (%s): %i IHA scheduled", async (_, completedOn, ihas) => {
    const id = await child(null);
    expect((await record({ childId: id, completedOn })).errors).toBeUndefined();
    await becameLookedAfter(id, "2026-06-15");
    expect((await open(id)).filter((a) => a.kind === "INITIAL")).toHaveLength(ihas);
  });

  it("looked after on 31 May 2026: an assessment on 28 February stands, one on 27 February does not", async () => {
    const stands = await child(null);
    await record({ childId: stands, completedOn: "2026-02-28" });
    await becameLookedAfter(stands, "2026-05-31");
    expect((await open(stands)).filter((a) => a.kind === "INITIAL")).toHaveLength(0);
    const fails = await child(null);
    await record({ childId: fails, completedOn: "2026-02-27" });
    await becameLookedAfter(fails, "2026-05-31");
    expect((await open(fails)).filter((a) => a.kind === "INITIAL")).toHaveLength(1);
  });

  it("an assessment 11 months before care recorded against the open IHA does not complete it", async () => {
    const id = await child("2026-06-15");
    const explicit = await record({ childId: id, completedOn: "2025-07-15", kind: "INITIAL" });
    expect(explicit.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.completedOn", rule: "INITIAL_ASSESSMENT_WINDOW" });
    const unspecified = await record({ childId: id, completedOn: "2025-07-15" });
    expect(unspecified.data?.recordHealthAssessment).toMatchObject({ kind: "REVIEW", reason: "RECORDED", completedOn: "2025-07-15" });
    // The IHA is still the one thing due: an old assessment sets no review clock while it is open.
    expect(await open(id)).toEqual([expect.objectContaining({ kind: "INITIAL", reason: "BECAME_LOOKED_AFTER" })]);
  });
});

it("a placement move while the initial health assessment is open schedules nothing: the IHA covers it", async () => {
  const id = await child("2026-10-01");
  const move = placementEvent(id, { isMove: true, startDate: "2026-10-05", placementId: randomUUID(), type: "U1" });
  await send(eventsTopic("placements"), move);
  await processed(move.id);
  expect(await open(id)).toEqual([expect.objectContaining({ kind: "INITIAL" })]);
});

describe("correcting a completed assessment", () => {
  it("amending the IHA's date moves the review that followed it (same task), audited, and tells the work tray", async () => {
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("health")]);
    try {
      const id = await child("2026-06-01");
      const iha = (await record({ childId: id, completedOn: "2026-06-20" })).data!.recordHealthAssessment;
      const [review] = await open(id);
      expect(review).toMatchObject({ kind: "REVIEW", reason: "PERIODIC_REVIEW", dueDate: "2027-06-20" });
      const r = await env.svc.query<{ amendHealthAssessment: Assessment }>(env.token, AMEND, {
        input: { id: iha.id, completedOn: "2026-06-10", reason: "date typed wrongly" },
      });
      expect(r.data?.amendHealthAssessment).toMatchObject({ id: iha.id, completedOn: "2026-06-10", status: "COMPLETED" });
      expect(await open(id)).toEqual([
        expect.objectContaining({
          id: review!.id,
          dueDate: "2027-06-10",
          explanation: "Review health assessment due 10 Jun 2027: 12 months after the last assessment on 10 Jun 2026",
        }),
      ]);
      const moved = await eventually(async () =>
        listener.events().find((e) => e.type === "StatutoryTaskScheduled" && e.payload.taskId === review!.id && e.payload.dueDate === "2027-06-10"),
      );
      expect(moved.payload).toMatchObject({ task: "ReviewHealthAssessment" });
      await eventually(async () =>
        listener.events().find((e) => e.type === "StatutoryTaskCompleted" && e.payload.taskId === iha.id && e.payload.completedOn === "2026-06-10"),
      );
      const audit = await env.svc.service.deps.db.$queryRawUnsafe<{ action: string; details: { reason: string } }[]>(
        "SELECT action, details FROM health.audit_entry WHERE entity_id = $1 AND action = 'health_assessment.amended'",
        iha.id,
      );
      expect(audit).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: "date typed wrongly" }) })]);
    } finally {
      await listener.stop();
    }
  });

  it("voiding the IHA's completion reopens the IHA and cancels the review that followed it", async () => {
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("health")]);
    try {
      const id = await child("2026-06-01");
      const iha = (await record({ childId: id, completedOn: "2026-06-20" })).data!.recordHealthAssessment;
      const [review] = await open(id);
      const r = await env.svc.query<{ voidHealthAssessment: Assessment }>(env.token, VOID, { input: { id: iha.id, reason: "recorded for the wrong child" } });
      expect(r.data?.voidHealthAssessment).toMatchObject({ id: iha.id, kind: "INITIAL", completedOn: null, status: "OVERDUE", dueDate: "2026-06-29" });
      expect(await open(id)).toEqual([expect.objectContaining({ id: iha.id, kind: "INITIAL" })]);
    const audit = await env.svc.service.deps.db.$queryRawUnsafe<{ details: { reason: string; reopened: boolean } }[]>(
      "SELECT details FROM health.audit_entry WHERE entity_id = $1 AND action = 'health_assessment.voided'",
      iha.id,
    );
    expect(audit).toEqual([{ details: expect.objectContaining({ reason: "recorded for the wrong child", reopened: true }) }]);
      expect((await assessments(id)).find((a) => a.id === review!.id)?.status).toBe("CANCELLED");
      await eventually(async () => listener.events().find((e) => e.type === "StatutoryTaskCancelled" && e.payload.taskId === review!.id));
      await eventually(async () => listener.events().find((e) => e.type === "StatutoryTaskScheduled" && e.payload.taskId === iha.id));
    } finally {
      await listener.stop();
    }
  });

  it("voiding a review's completion reopens it and drops the review scheduled from it", async () => {
    const id = await child("2026-01-05", "2023-01-01");
    await record({ childId: id, completedOn: "2026-01-20" });
    const first = (await open(id))[0]!;
    expect(first).toMatchObject({ kind: "REVIEW", dueDate: "2026-07-20" });
    await record({ childId: id, completedOn: "2026-07-01" });
    const second = (await open(id))[0]!;
    expect(second).toMatchObject({ dueDate: "2027-01-01" });
    await env.svc.query(env.token, VOID, { input: { id: first.id, reason: "not done: clinic cancelled" } });
    expect(await open(id)).toEqual([expect.objectContaining({ id: first.id, dueDate: "2026-07-20", status: "OVERDUE" })]);
    expect((await assessments(id)).find((a) => a.id === second.id)?.status).toBe("CANCELLED");
  });

  it("voiding an assessment that was only recorded removes it from the list and recomputes the review from the one before", async () => {
    const id = await child("2026-03-02");
    await record({ childId: id, completedOn: "2026-03-20" });
    await record({ childId: id, completedOn: "2026-05-01", kind: "INITIAL" }); // no IHA open: recorded, not scheduled
    const extra = (await assessments(id)).find((a) => a.reason === "RECORDED")!;
    expect(await open(id)).toEqual([expect.objectContaining({ dueDate: "2027-05-01" })]);
    const r = await env.svc.query<{ voidHealthAssessment: Assessment }>(env.token, VOID, { input: { id: extra.id, reason: "duplicate entry" } });
    expect(r.errors).toBeUndefined();
    expect((await assessments(id)).map((a) => a.id)).not.toContain(extra.id);
    expect((await env.svc.query(env.token, VOID, { input: { id: extra.id, reason: "again" } })).errors?.[0]?.extensions).toMatchObject({ rule: "ALREADY_VOIDED" });
    expect(await open(id)).toEqual([expect.objectContaining({ dueDate: "2027-03-20", reason: "PERIODIC_REVIEW" })]);
  });

  it("a team manager may correct; an IRO may not; an open assessment, a blank reason or a second void are refused", async () => {
    const id = await child("2026-06-01");
    const iha = (await record({ childId: id, completedOn: "2026-06-20" })).data!.recordHealthAssessment;
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"] });
    const iro = await env.keys.token({ roles: ["IRO"] });
    expect((await env.svc.query(manager, AMEND, { input: { id: iha.id, note: "seen by the nurse", reason: "note added" } })).errors).toBeUndefined();
    expect((await env.svc.query(iro, AMEND, { input: { id: iha.id, note: "x", reason: "y" } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const [review] = await open(id);
    expect((await env.svc.query(env.token, VOID, { input: { id: review!.id, reason: "x" } })).errors?.[0]?.extensions).toMatchObject({ rule: "NOT_COMPLETED" });
    expect((await env.svc.query(env.token, AMEND, { input: { id: iha.id, reason: " " } })).errors?.[0]?.extensions).toMatchObject({ rule: "REASON_REQUIRED" });
    expect((await env.svc.query(env.token, AMEND, { input: { id: iha.id, completedOn: "2026-01-01", reason: "wrong" } })).errors?.[0]?.extensions).toMatchObject({
      field: "input.completedOn",
      rule: "INITIAL_ASSESSMENT_WINDOW",
    });
    expect((await env.svc.query(env.token, AMEND, { input: { id: iha.id, kind: "REVIEW", reason: "wrong kind" } })).errors?.[0]?.extensions).toMatchObject({
      field: "input.kind",
      rule: "SCHEDULED_KIND_FIXED",
    });
    expect((await env.svc.query(env.token, VOID, { input: { id: randomUUID(), reason: "x" } })).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(await assessments(id)).toEqual([
      expect.objectContaining({ id: iha.id, kind: "INITIAL", completedOn: "2026-06-20" }),
      expect.objectContaining({ kind: "REVIEW", dueDate: "2027-06-20", status: "DUE" }),
    ]);
  });
});

describe("leaving care and coming back", () => {
  it("ceasing to be looked after cancels open assessments; coming back later schedules a new IHA", async () => {
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("health")]);
    try {
      const id = await child("2026-06-01");
      const [iha] = await open(id);
      const ceased = childEvent("ChildCeasedLookedAfter", id, { endDate: "2026-06-10", reason: "E11" });
      await send(eventsTopic("children"), ceased);
      await processed(ceased.id);
      expect((await assessments(id)).map((a) => a.status)).toEqual(["CANCELLED"]);
      const cancelled = await eventually(async () => listener.events().find((e) => e.type === "StatutoryTaskCancelled" && e.payload.taskId === iha!.id));
      expect(cancelled.payload).toMatchObject({ reason: "ceased to be looked after", task: "InitialHealthAssessment" });
      await becameLookedAfter(id, "2026-10-01");
      expect(await open(id)).toEqual([expect.objectContaining({ kind: "INITIAL", reason: "BECAME_LOOKED_AFTER", dueDate: "2026-10-29" })]);
    } finally {
      await listener.stop();
    }
  });

  it("coming back within 3 months of an assessment needs no new IHA; the review runs on from that assessment", async () => {
    const id = await child("2026-06-01");
    await record({ childId: id, completedOn: "2026-06-20" });
    const ceased = childEvent("ChildCeasedLookedAfter", id, { endDate: "2026-07-01", reason: "E11" });
    await send(eventsTopic("children"), ceased);
    await processed(ceased.id);
    expect(await open(id)).toEqual([]);
    await becameLookedAfter(id, "2026-09-01");
    expect(await open(id)).toEqual([expect.objectContaining({ kind: "REVIEW", reason: "PERIODIC_REVIEW", dueDate: "2027-06-20" })]);
  });
});
