import { deadLetterTopic, envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { collect, eventually, publish, testKafka, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

const env = serviceUnderTest(health);
const TENANT = "E09000027";

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const placementEvent = (childId: string, payload: Record<string, unknown>) =>
  envelope({ type: "PlacementStarted", childId, payload }, { tenant: TENANT, source: "placements", actor: "test" });
const send = (topic: string, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), topic, events);

/** A child registered and looked after from `since`, as the children domain announces it. */
async function lookedAfterChild(since: string, dateOfBirth = "2016-03-03") {
  const id = randomUUID();
  await send(
    eventsTopic("children"),
    childEvent("ChildRegistered", id, { dateOfBirth, lookedAfterSince: since }),
    childEvent("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" }),
  );
  return id;
}

type Assessment = { id: string; kind: string; reason: string; dueDate: string; completedOn: string | null; cancelledOn: string | null; status: string };
const ASSESSMENTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthAssessments { id kind reason dueDate completedOn cancelledOn status } } } }`;
async function assessments(childId: string): Promise<Assessment[]> {
  const r = await env.svc.query<{ _entities: ({ healthAssessments: Assessment[] } | null)[] }>(env.token, ASSESSMENTS, {
    reps: [{ __typename: "Child", id: childId }],
  });
  return r.data?._entities[0]?.healthAssessments ?? [];
}
const until = (childId: string, n: number) =>
  eventually(async () => {
    const a = await assessments(childId);
    return a.length >= n ? a : undefined;
  });

const RECORD = `mutation($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id kind completedOn status } }`;

it("becoming looked after on 15 December 2025 makes an IHA due on 15 January 2026 (Christmas and New Year skipped)", async () => {
  const id = await lookedAfterChild("2025-12-15");
  const [iha] = await until(id, 1);
  expect(iha).toMatchObject({ kind: "INITIAL", reason: "BECAME_LOOKED_AFTER", dueDate: "2026-01-15", status: "OVERDUE" });
});

const timesProcessed = async (eventId: string) =>
  (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", eventId)).length;
const processed = (eventId: string) =>
  eventually(async () => (await timesProcessed(eventId)) === 1);

it("the same event delivered twice schedules one assessment", async () => {
  const id = randomUUID();
  const registered = childEvent("ChildRegistered", id, { dateOfBirth: "2016-03-03", lookedAfterSince: "2026-11-02" });
  const became = childEvent("ChildBecameLookedAfter", id, { date: "2026-11-02", legalStatus: "C2" });
  await send(eventsTopic("children"), registered, became);
  await until(id, 1);
  // Redeliver it, then a harmless later event for the same child: same key, same partition, so
  // once the later one is processed the redelivered copy has been handled too.
  const marker = childEvent("ChildRestored", id, {});
  await send(eventsTopic("children"), became, marker);
  await processed(marker.id);
  expect((await assessments(id)).filter((a) => a.kind === "INITIAL")).toHaveLength(1);
  expect(await timesProcessed(became.id)).toBe(1);
});

it("a placement move after the IHA brings the review forward to 20 working days; a later move does not push it back", async () => {
  const id = await lookedAfterChild("2026-10-01");
  await until(id, 1);
  await env.svc.query(env.token, RECORD, { input: { childId: id, completedOn: "2026-10-10" } });
  await send(eventsTopic("placements"), placementEvent(id, { isMove: false, startDate: "2026-10-01" }));
  await send(eventsTopic("placements"), placementEvent(id, { isMove: true, startDate: "2026-12-18" }));
  const review = await eventually(async () => (await assessments(id)).find((a) => a.reason === "PLACEMENT_MOVE"));
  expect(review).toMatchObject({ kind: "REVIEW", dueDate: "2027-01-20" });
  const later = placementEvent(id, { isMove: true, startDate: "2027-01-08" });
  await send(eventsTopic("placements"), later);
  await processed(later.id);
  const reviews = (await assessments(id)).filter((a) => a.kind === "REVIEW");
  expect(reviews).toHaveLength(1);
  expect(reviews[0]?.dueDate).toBe("2027-01-20");
});

it("recording the IHA completes it and schedules a review 6 months on for a child under 5", async () => {
  const id = await lookedAfterChild("2026-09-01", "2023-01-01");
  await until(id, 1);
  const r = await env.svc.query<{ recordHealthAssessment: Assessment }>(env.token, RECORD, { input: { childId: id, completedOn: "2026-09-20" } });
  expect(r.data?.recordHealthAssessment).toMatchObject({ kind: "INITIAL", completedOn: "2026-09-20", status: "COMPLETED" });
  const next = (await assessments(id)).find((a) => a.status !== "COMPLETED");
  expect(next).toMatchObject({ kind: "REVIEW", reason: "PERIODIC_REVIEW", dueDate: "2027-03-20" });
});

it("a child of 5 or over is reviewed 12 months after the last assessment, and that assessment supersedes an open move review", async () => {
  const id = await lookedAfterChild("2026-06-01", "2015-01-01");
  await until(id, 1);
  await env.svc.query(env.token, RECORD, { input: { childId: id, completedOn: "2026-06-10" } });
  await send(eventsTopic("placements"), placementEvent(id, { isMove: true, startDate: "2026-07-01" }));
  await eventually(async () => (await assessments(id)).find((a) => a.reason === "PLACEMENT_MOVE"));
  // No IHA is open now, so this is recorded as an extra assessment; it supersedes the move review.
  await env.svc.query(env.token, RECORD, { input: { childId: id, completedOn: "2026-07-10", kind: "INITIAL" } });
  const all = await assessments(id);
  expect(all.find((a) => a.reason === "PLACEMENT_MOVE")?.status).toBe("CANCELLED");
  expect(all.find((a) => a.reason === "PERIODIC_REVIEW")).toMatchObject({ dueDate: "2027-07-10", status: "DUE" });
});

it.each([
  [{ completedOn: "2099-01-01" }, "input.completedOn", "NOT_IN_FUTURE"],
  [{ completedOn: "2010-01-01" }, "input.completedOn", "NOT_BEFORE_BIRTH"],
])("refuses %j naming %s / %s, and writes nothing", async (bad, field, rule) => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  const r = await env.svc.query(env.token, RECORD, { input: { childId: id, ...bad } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await assessments(id)).toHaveLength(1);
});

it("an event the service cannot process goes to its dead-letter topic after retries, and later events still flow", async () => {
  const listener = await collect(testKafka(env.broker.bootstrapServers), [deadLetterTopic("health")]);
  try {
    const broken = placementEvent(randomUUID(), { isMove: true, startDate: "not-a-date" });
    await send(eventsTopic("placements"), broken);
    const dead = await eventually(async () => listener.messages.find((m) => m.value.includes(broken.id)), 30_000);
    expect(dead.headers["dead-letter-reason"]).toBeTruthy();
    expect(dead.headers["original-topic"]).toBe(eventsTopic("placements"));
    const after = await lookedAfterChild("2026-11-02");
    await until(after, 1);
  } finally {
    await listener.stop();
  }
}, 60_000);

it("publishes a StatutoryTaskScheduled event for the work tray", async () => {
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("health")]);
  try {
    const id = await lookedAfterChild("2026-11-02");
    const scheduled = await eventually(async () => listener.events().find((e) => e.childId === id));
    expect(scheduled).toMatchObject({
      type: "StatutoryTaskScheduled",
      tenant: TENANT,
      source: "health",
      payload: { task: "InitialHealthAssessment", dueDate: "2026-11-30" },
    });
    expect(scheduled.causationId).toBeDefined();
  } finally {
    await listener.stop();
  }
});

it("a move reported after an assessment done on or after the move day needs no reassessment", async () => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  await env.svc.query(env.token, RECORD, { input: { childId: id, completedOn: "2026-09-20" } });
  const late = placementEvent(id, { isMove: true, startDate: "2026-09-15" });
  await send(eventsTopic("placements"), late);
  await processed(late.id);
  expect((await assessments(id)).filter((a) => a.reason === "PLACEMENT_MOVE")).toHaveLength(0);
});
