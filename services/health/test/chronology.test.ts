import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

/** What the health domain tells the child's chronology, in the transaction of each change (read from the outbox). */
const env = serviceUnderTest(health);
const as = roleTokens(env);
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
async function lookedAfterChild(since: string) {
  const id = randomUUID();
  const last = envelope({ type: "ChildBecameLookedAfter", childId: id, payload: { date: since, legalStatus: "C2" } }, { tenant: "E09000027", source: "children", actor: "test" });
  await send(envelope({ type: "ChildRegistered", childId: id, payload: { dateOfBirth: "2015-03-03", lookedAfterSince: null } }, { tenant: "E09000027", source: "children", actor: "test" }), last);
  await eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", last.id)).length === 1);
  return id;
}
async function run<T = { id: string }>(op: string, type: string, input: Record<string, unknown>, token = env.token): Promise<T> {
  const r = await env.svc.query<Record<string, T>>(token, `mutation($input: ${type}!) { ${op}(input: $input) { id } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "health", childId);

it("the initial health assessment done: one entry with the day, never the clinical note; a correction replaces it; a void withdraws it", async () => {
  const id = await lookedAfterChild("2026-11-02");
  const done = await run("recordHealthAssessment", "RecordHealthAssessmentInput", { childId: id, completedOn: "2026-11-20", note: "asthma reviewed; inhaler" });
  expect(await told(id)).toEqual([
    { type: "ChronologyEntryRecorded", entryId: `health-assessment:${done.id}`, kind: "InitialHealthAssessment", on: "2026-11-20", summary: "Initial health assessment done" },
  ]);
  const manager = await as("TEAM_MANAGER");
  await run("amendHealthAssessment", "AmendHealthAssessmentInput", { id: done.id, completedOn: "2026-11-19", reason: "keyed a day late" }, manager);
  expect((await told(id)).at(-1)).toEqual({
    type: "ChronologyEntryRecorded",
    entryId: `health-assessment:${done.id}`,
    kind: "InitialHealthAssessment",
    on: "2026-11-19",
    summary: "Initial health assessment done",
  });
  await run("voidHealthAssessment", "VoidHealthAssessmentInput", { id: done.id, reason: "recorded on the wrong child" }, manager);
  expect((await told(id)).at(-1)).toEqual({ type: "ChronologyEntryWithdrawn", entryId: `health-assessment:${done.id}`, reason: "health assessment voided as entered in error" });
  expect(JSON.stringify(await told(id))).not.toMatch(/asthma|wrong child|a day late/);
});
