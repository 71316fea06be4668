import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, outboxEvents, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

/** Issue 12: registrations, CAMHS, substance misuse, medical history and health plan actions. */
const env = serviceUnderTest(health);
const TENANT = "E09000027";
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

const ev = (type: string, childId: string, payload: Record<string, unknown>) => envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const processed = (eventId: string) =>
  eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", eventId)).length === 1);
async function child(dateOfBirth = "2012-05-05", since = "2026-11-02") {
  const id = randomUUID();
  const became = ev("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" });
  await send(ev("ChildRegistered", id, { dateOfBirth, lookedAfterSince: since }), became);
  await processed(became.id);
  return id;
}
async function mutate<T = Record<string, unknown>>(op: string, type: string, input: Record<string, unknown>, fields = "id") {
  return env.svc.query<Record<string, T>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
}
async function read<T>(childId: string, fields: string): Promise<T> {
  const r = await env.svc.query<{ _entities: (T | null)[] }>(env.token, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { ${fields} } } }`, {
    reps: [{ __typename: "Child", id: childId }],
  });
  if (!r.data?._entities[0]) throw new Error(JSON.stringify(r.errors));
  return r.data._entities[0];
}
type Task = { type: string; task: string; taskId: string; dueDate: string; explanation: string; reason?: string };
const tasks = async (childId: string, task: RegExp) =>
  (await outboxEvents(env.svc.service.deps.db, "health", childId))
    .filter((e) => e.type.startsWith("StatutoryTask") && task.test((e.payload as Task).task))
    .map((e) => ({ ...(e.payload as Task), type: e.type }));

it("an unregistered child becoming looked after raises a task for each of GP, dentist and optician; registering closes it", async () => {
  const id = await child("2012-05-05", "2026-11-02");
  const raised = await tasks(id, /Registration$/);
  expect(raised.map((t) => [t.type, t.task, t.dueDate])).toEqual([
    ["StatutoryTaskScheduled", "GpRegistration", "2026-11-30"],
    ["StatutoryTaskScheduled", "DentistRegistration", "2026-11-30"],
    ["StatutoryTaskScheduled", "OpticianRegistration", "2026-11-30"],
  ]);
  expect(raised[0]?.explanation).toBe("Registration with a GP due 30 Nov 2026: 20 working days after becoming looked after on 2 Nov 2026");
  const r = await mutate("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Example Surgery", registeredOn: "2026-11-10" }, "id kind practice registeredOn endedOn");
  expect(r.data?.recordRegistration).toMatchObject({ kind: "GP", practice: "Example Surgery", registeredOn: "2026-11-10", endedOn: null });
  expect((await tasks(id, /^GpRegistration$/)).at(-1)).toMatchObject({ type: "StatutoryTaskCompleted", completedOn: "2026-11-10" });
  expect((await read<{ unregisteredWith: string[] }>(id, "unregisteredWith")).unregisteredWith).toEqual(["DENTIST", "OPTICIAN"]);
  // A move to another practice ends the first registration; an earlier date than the current one is refused.
  await mutate("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Another Surgery", registeredOn: "2026-11-20" });
  const earlier = await mutate("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Third Surgery", registeredOn: "2026-11-15" });
  expect(earlier.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.registeredOn", rule: "AFTER_CURRENT_REGISTRATION" });
  const { registrations } = await read<{ registrations: { practice: string; endedOn: string | null }[] }>(id, "registrations { practice endedOn }");
  expect(registrations).toEqual([{ practice: "Another Surgery", endedOn: null }, { practice: "Example Surgery", endedOn: "2026-11-20" }]);
});

it("a child registered before becoming looked after gets no task for that kind", async () => {
  const id = randomUUID();
  await send(ev("ChildRegistered", id, { dateOfBirth: "2012-05-05", lookedAfterSince: null }));
  await eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.known_child WHERE id = $1::uuid", id)).length === 1);
  await mutate("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "DENTIST", practice: "Example Dental", registeredOn: "2026-06-01" });
  const became = ev("ChildBecameLookedAfter", id, { date: "2026-11-02", legalStatus: "C2" });
  await send(became);
  await processed(became.id);
  expect((await tasks(id, /Registration$/)).map((t) => t.task)).toEqual(["GpRegistration", "OpticianRegistration"]);
});

it("a CAMHS referral shows the wait while waiting, the decision, and the wait to first seen; nothing reaches events or the chronology", async () => {
  const id = await child();
  const ref = await mutate<{ id: string }>("recordCamhsReferral", "RecordCamhsReferralInput", { childId: id, referredOn: "2026-10-01" }, "id waitingDays waitingTime outcome");
  expect(ref.data?.recordCamhsReferral).toMatchObject({ waitingDays: 61, waitingTime: "8 weeks 5 days (still waiting)", outcome: null });
  const refId = ref.data!.recordCamhsReferral!.id;
  const early = await mutate("recordCamhsReferralProgress", "RecordCamhsReferralProgressInput", { id: refId, firstSeenOn: "2026-10-20" });
  expect(early.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.firstSeenOn", rule: "ACCEPTED_FIRST" });
  await mutate("recordCamhsReferralProgress", "RecordCamhsReferralProgressInput", { id: refId, outcome: "ACCEPTED", decidedOn: "2026-10-08" });
  const seen = await mutate("recordCamhsReferralProgress", "RecordCamhsReferralProgressInput", { id: refId, firstSeenOn: "2026-10-29" }, "outcome decidedOn firstSeenOn waitingDays waitingTime");
  expect(seen.data?.recordCamhsReferralProgress).toEqual({ outcome: "ACCEPTED", decidedOn: "2026-10-08", firstSeenOn: "2026-10-29", waitingDays: 28, waitingTime: "4 weeks" });
  const events = await outboxEvents(env.svc.service.deps.db, "health", id);
  expect(events.filter((e) => /camhs/i.test(JSON.stringify(e)))).toEqual([]);
});

it("substance misuse with the intervention offered then received (a received one must have been offered)", async () => {
  const id = await child();
  const s = await mutate<{ id: string }>("recordSubstanceMisuse", "RecordSubstanceMisuseInput", { childId: id, identifiedOn: "2026-09-01" });
  const sid = s.data!.recordSubstanceMisuse!.id;
  const bad = await mutate("recordSubstanceMisuseIntervention", "RecordSubstanceMisuseInterventionInput", { id: sid, interventionReceivedOn: "2026-10-01" });
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.interventionReceivedOn", rule: "RECEIVED_NOT_OFFERED" });
  await mutate("recordSubstanceMisuseIntervention", "RecordSubstanceMisuseInterventionInput", { id: sid, interventionOfferedOn: "2026-09-10" });
  await mutate("recordSubstanceMisuseIntervention", "RecordSubstanceMisuseInterventionInput", { id: sid, interventionReceivedOn: "2026-10-01" });
  expect((await read<{ substanceMisuse: unknown[] }>(id, "substanceMisuse { identifiedOn interventionOfferedOn interventionReceivedOn }")).substanceMisuse).toEqual([
    { identifiedOn: "2026-09-01", interventionOfferedOn: "2026-09-10", interventionReceivedOn: "2026-10-01" },
  ]);
});

it("medical history is kept and read, but its words are never in events, the chronology or the audit trail", async () => {
  const id = await child();
  await mutate("recordMedicalHistory", "RecordMedicalHistoryInput", { childId: id, kind: "ALLERGY", description: "Peanut allergy (synthetic)", since: "2015-01-01" });
  await mutate("recordMedicalHistory", "RecordMedicalHistoryInput", { childId: id, kind: "MEDICATION", description: "Salbutamol inhaler (synthetic)" });
  const blank = await mutate("recordMedicalHistory", "RecordMedicalHistoryInput", { childId: id, kind: "CONDITION", description: " " });
  expect(blank.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.description", rule: "REQUIRED" });
  const { medicalHistory } = await read<{ medicalHistory: unknown[] }>(id, "medicalHistory { kind description since }");
  expect(medicalHistory).toEqual([
    { kind: "ALLERGY", description: "Peanut allergy (synthetic)", since: "2015-01-01" },
    { kind: "MEDICATION", description: "Salbutamol inhaler (synthetic)", since: null },
  ]);
  const db = env.svc.service.deps.db;
  const audit = await db.$queryRawUnsafe<unknown[]>("SELECT action, details FROM health.audit_entry WHERE child_id = $1", id);
  expect(audit.length).toBeGreaterThanOrEqual(2);
  const everywhere = JSON.stringify([await outboxEvents(db, "health", id), await chronologyEvents(db, "health", id), audit], (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  expect(everywhere).not.toMatch(/Peanut|Salbutamol/);
});

it("a health plan action from a completed assessment is a task in the work tray, closed when done", async () => {
  const id = await child();
  const done = await mutate<{ id: string }>("recordHealthAssessment", "RecordHealthAssessmentInput", { childId: id, completedOn: "2026-11-20" });
  const assessmentId = done.data!.recordHealthAssessment!.id;
  const before = await mutate("addHealthActionPlanAction", "AddHealthActionPlanActionInput", { assessmentId, action: "Book an eye test", owner: "Foster carer", dueDate: "2026-11-19" });
  expect(before.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dueDate", rule: "NOT_BEFORE_ASSESSMENT" });
  const a = await mutate<{ id: string }>("addHealthActionPlanAction", "AddHealthActionPlanActionInput", { assessmentId, action: "Book an eye test", owner: "Foster carer", dueDate: "2027-01-04" }, "id action owner dueDate completedOn");
  expect(a.data?.addHealthActionPlanAction).toMatchObject({ action: "Book an eye test", owner: "Foster carer", dueDate: "2027-01-04", completedOn: null });
  const actionId = a.data!.addHealthActionPlanAction!.id;
  await mutate("completeHealthActionPlanAction", "CompleteHealthActionPlanActionInput", { id: actionId, completedOn: "2026-11-30" });
  const again = await mutate("completeHealthActionPlanAction", "CompleteHealthActionPlanActionInput", { id: actionId, completedOn: "2026-11-30" });
  expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id", rule: "ALREADY_DONE" });
  const t = await tasks(id, /^HealthActionPlanAction$/);
  expect(t.map((x) => [x.type, x.taskId, x.dueDate])).toEqual([
    ["StatutoryTaskScheduled", actionId, "2027-01-04"],
    ["StatutoryTaskCompleted", actionId, "2027-01-04"],
  ]);
  expect(JSON.stringify(t)).not.toMatch(/eye test/);
});

it("leaving care cancels the open health plan actions and registration tasks; a cancelled action cannot be marked done", async () => {
  const id = await child();
  const done = await mutate<{ id: string }>("recordHealthAssessment", "RecordHealthAssessmentInput", { childId: id, completedOn: "2026-11-20" });
  const a = await mutate<{ id: string }>("addHealthActionPlanAction", "AddHealthActionPlanActionInput", { assessmentId: done.data!.recordHealthAssessment!.id, action: "Dentist", owner: "Carer", dueDate: "2027-01-04" });
  const actionId = a.data!.addHealthActionPlanAction!.id;
  const ceased = ev("ChildCeasedLookedAfter", id, { endDate: "2026-11-25", reasonEpisodeCeased: "E11" });
  await send(ceased);
  await processed(ceased.id);
  expect((await tasks(id, /^HealthActionPlanAction$/)).at(-1)).toMatchObject({ type: "StatutoryTaskCancelled", taskId: actionId, reason: "ceased to be looked after" });
  expect((await tasks(id, /Registration$/)).filter((t) => t.type === "StatutoryTaskCancelled")).toHaveLength(3);
  const late = await mutate("completeHealthActionPlanAction", "CompleteHealthActionPlanActionInput", { id: actionId, completedOn: "2026-11-30" });
  expect(late.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id", rule: "CANCELLED" });
});
