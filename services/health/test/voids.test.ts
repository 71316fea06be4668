import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, outboxEvents, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

/** Health records entered in error are voided: gone from the lists, the summary and the work tray; audited. */
const env = serviceUnderTest(health);
const TENANT = "E09000027";
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

const db = () => env.svc.service.deps.db;
const ev = (type: string, childId: string, payload: Record<string, unknown>, tenant = TENANT) =>
  envelope({ type, childId, payload }, { tenant, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const processed = (eventId: string) =>
  eventually(async () => (await db().$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", eventId)).length === 1);

/** A child registered and looked after (on a care order) from `since`. */
async function child(dateOfBirth: string, since: string | null = "2026-01-05", tenant = TENANT) {
  const id = randomUUID();
  const events = [ev("ChildRegistered", id, { dateOfBirth, lookedAfterSince: since }, tenant), ...(since ? [ev("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" }, tenant)] : [])];
  await send(...events);
  await processed(events.at(-1)!.id);
  return id;
}

const mutate = (op: string, type: string, input: Record<string, unknown>, fields = "id", token = env.token) =>
  env.svc.query<Record<string, Record<string, unknown>>>(token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
const recordId = async (op: string, type: string, input: Record<string, unknown>) => {
  const r = await mutate(op, type, input);
  if (!r.data?.[op]) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!.id as string;
};
const VOIDED = "recordId kind voidedOn child { id }";
const voidRecord = (recordId: string, reason = "recorded against the wrong child", token = env.token) =>
  mutate("voidHealthRecord", "VoidHealthRecordInput", { recordId, reason }, VOIDED, token);

async function read<T>(childId: string, fields: string): Promise<T> {
  const r = await env.svc.query<{ _entities: (T | null)[] }>(env.token, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { ${fields} } } }`, {
    reps: [{ __typename: "Child", id: childId }],
  });
  if (!r.data?._entities[0]) throw new Error(JSON.stringify(r.errors));
  return r.data._entities[0];
}
type Summary = { immunisationsUpToDate: boolean; immunisationsOutstanding: string[]; nextDentalCheckDue: string | null; nextOpticianCheckDue: string | null; latestSdq: { score: number } | null; nextSdqDue: string | null };
const summary = async (childId: string) =>
  (await read<{ healthSummary: Summary }>(childId, "healthSummary { immunisationsUpToDate immunisationsOutstanding nextDentalCheckDue nextOpticianCheckDue latestSdq { score } nextSdqDue }")).healthSummary;
type Task = { type: string; task: string; taskId: string; dueDate: string; reason?: string };
const tasks = async (childId: string, task: string) =>
  (await outboxEvents(db(), "health", childId)).filter((e) => e.type.startsWith("StatutoryTask") && (e.payload as Task).task === task).map((e) => ({ ...(e.payload as Task), type: e.type }));

describe("each kind of record can be voided once", () => {
  // kind, the record mutation and its input, the Child list it shows in, the chronology entry it published (if any), its table.
  const KINDS: [string, string, string, Record<string, unknown>, string, string | null, string][] = [
    ["IMMUNISATION", "recordImmunisation", "RecordImmunisationInput", { vaccine: "MMR", givenOn: "2026-11-01" }, "immunisations", "immunisation", "immunisation"],
    ["DENTAL_CHECK", "recordDentalCheck", "RecordDentalCheckInput", { checkedOn: "2026-11-01" }, "dentalChecks", "dental-check", "dental_check"],
    ["OPTICIAN_CHECK", "recordOpticianCheck", "RecordOpticianCheckInput", { checkedOn: "2026-11-01" }, "opticianChecks", "optician-check", "optician_check"],
    ["SDQ", "recordSdq", "RecordSdqInput", { score: 12, completedOn: "2026-11-01" }, "sdqs", "sdq", "sdq"],
    ["CONSENT", "recordConsent", "RecordConsentInput", { kind: "IMMUNISATION", decision: "GIVEN", givenBy: "LOCAL_AUTHORITY", givenOn: "2026-11-02" }, "consents", "consent", "consent"],
    ["REGISTRATION", "recordRegistration", "RecordRegistrationInput", { kind: "DENTIST", practice: "Example Dental Practice", registeredOn: "2026-11-10" }, "registrations", null, "health_registration"],
    ["MEDICAL_HISTORY", "recordMedicalHistory", "RecordMedicalHistoryInput", { kind: "ALLERGY", description: "Penicillin (rash)" }, "medicalHistory", null, "medical_history_item"],
  ];

  it.each(KINDS)("%s: gone from the list, kept on the row with the reason, its chronology entry withdrawn, audited without free text", async (kind, op, type, input, list, entry, table) => {
    const id = await child("2014-05-01");
    const rec = await recordId(op, type, { childId: id, ...input });
    const r = await voidRecord(rec, "entered for the wrong child, see the sibling's record");
    expect(r.errors).toBeUndefined();
    expect(r.data?.voidHealthRecord).toEqual({ recordId: rec, kind, voidedOn: "2026-12-01", child: { id } });
    expect((await read<Record<string, unknown[]>>(id, `${list} { id }`))[list]).toEqual([]);
    const [row] = await db().$queryRawUnsafe<{ voided_at: Date | null; void_reason: string }[]>(`SELECT voided_at, void_reason FROM health.${table} WHERE id = $1::uuid`, rec);
    expect(row).toMatchObject({ voided_at: expect.any(Date), void_reason: "entered for the wrong child, see the sibling's record" });
    const told = await chronologyEvents(db(), "health", id);
    if (entry) expect(told.at(-1)).toEqual({ type: "ChronologyEntryWithdrawn", entryId: `${entry}:${rec}`, reason: "health record voided as entered in error" });
    else expect(told.filter((e) => e.type === "ChronologyEntryWithdrawn")).toEqual([]);
    const published = (await outboxEvents(db(), "health", id)).filter((e) => e.type === "HealthRecordVoided").map((e) => e.payload);
    // Medical history is special category data: it publishes nothing.
    expect(published).toEqual(kind === "MEDICAL_HISTORY" ? [] : [{ recordId: rec, kind }]);
    const audit = await db().$queryRawUnsafe<{ entity: string; details: Record<string, unknown> }[]>(
      "SELECT entity, details FROM health.audit_entry WHERE entity_id = $1 AND action = 'health_record.voided'",
      rec,
    );
    expect(audit).toEqual([{ entity: expect.any(String), details: expect.objectContaining({ kind, reasonLength: "entered for the wrong child, see the sibling's record".length }) }]);
    expect(JSON.stringify(audit)).not.toMatch(/sibling|Penicillin|Example Dental/);
  });
});

describe("the summary and the work tray are worked out again without the voided record", () => {
  it("voiding the only dental check: no next check due, its task leaves the tray", async () => {
    const id = await child("2015-02-28");
    const check = await recordId("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2025-12-20" });
    expect((await summary(id)).nextDentalCheckDue).toBe("2026-12-20");
    await voidRecord(check);
    expect((await summary(id)).nextDentalCheckDue).toBeNull();
    expect((await tasks(id, "DentalCheck")).map((t) => [t.type, t.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2026-12-20"],
      ["StatutoryTaskCancelled", "2026-12-20"],
    ]);
  });

  it("voiding the latest dental check: the clock runs from the one before, the task it closed opens again; voiding an older one changes nothing", async () => {
    const id = await child("2015-02-28");
    const first = await recordId("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2025-12-20" });
    const late = await recordId("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-11-27" });
    await voidRecord(late);
    expect((await summary(id)).nextDentalCheckDue).toBe("2026-12-20");
    const t = await tasks(id, "DentalCheck");
    expect(t.map((e) => [e.type, e.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2026-12-20"],
      ["StatutoryTaskCompleted", "2026-12-20"],
      ["StatutoryTaskScheduled", "2027-11-27"],
      ["StatutoryTaskCancelled", "2027-11-27"],
      ["StatutoryTaskScheduled", "2026-12-20"],
    ]);
    expect(t[3]?.reason).toBe("the record it followed was voided as entered in error");
    expect(t[4]?.taskId).toBe(t[0]?.taskId);
    // A later check again, then the first voided: the latest still runs the clock.
    await recordId("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-11-30" });
    const before = (await tasks(id, "DentalCheck")).length;
    await voidRecord(first);
    expect((await tasks(id, "DentalCheck")).length).toBe(before);
    expect((await summary(id)).nextDentalCheckDue).toBe("2027-11-30");
  });

  it("voiding an MMR dose: no longer up to date, the dose outstanding", async () => {
    const id = await child("2022-06-10");
    const course = ["6-in-1", "6-in-1", "6-in-1", "Rotarix", "Rotarix", "MenB", "MenB", "MenB", "PCV", "PCV", "Hib/MenC", "MMR", "Repevax"];
    for (const vaccine of course) await recordId("recordImmunisation", "RecordImmunisationInput", { childId: id, vaccine, givenOn: "2023-06-10" });
    const second = await recordId("recordImmunisation", "RecordImmunisationInput", { childId: id, vaccine: "Priorix", givenOn: "2026-11-30" });
    expect(await summary(id)).toMatchObject({ immunisationsUpToDate: true, immunisationsOutstanding: [] });
    await voidRecord(second);
    const after = await summary(id);
    expect(after.immunisationsUpToDate).toBe(false);
    expect(after.immunisationsOutstanding).toEqual([expect.stringMatching(/^MMR dose 2 \(due /)]);
  });

  it("voiding the only SDQ: no latest SDQ, and the first SDQ task (due a year after becoming looked after) opens again", async () => {
    const id = await child("2014-05-01");
    const sdq = await recordId("recordSdq", "RecordSdqInput", { childId: id, score: 14, completedOn: "2026-02-28" });
    expect(await summary(id)).toMatchObject({ latestSdq: { score: 14 }, nextSdqDue: "2027-02-28" });
    await voidRecord(sdq);
    expect(await summary(id)).toMatchObject({ latestSdq: null, nextSdqDue: null });
    const t = await tasks(id, "StrengthsAndDifficultiesQuestionnaire");
    expect(t.map((e) => [e.type, e.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2027-01-05"],
      ["StatutoryTaskCompleted", "2027-01-05"],
      ["StatutoryTaskScheduled", "2027-02-28"],
      ["StatutoryTaskCancelled", "2027-02-28"],
      ["StatutoryTaskScheduled", "2027-01-05"],
    ]);
    expect(t[4]?.taskId).toBe(t[0]?.taskId);
  });

  it("voiding the only sight test: no next test due", async () => {
    const id = await child("2015-02-28");
    const test = await recordId("recordOpticianCheck", "RecordOpticianCheckInput", { childId: id, checkedOn: "2026-02-28" });
    await voidRecord(test);
    expect((await summary(id)).nextOpticianCheckDue).toBeNull();
    expect((await tasks(id, "SightTest")).map((e) => e.type)).toEqual(["StatutoryTaskScheduled", "StatutoryTaskCancelled"]);
  });

  it("a voided consent is no longer counted; the other stands", async () => {
    const id = await child("2010-11-02");
    const input = { childId: id, kind: "IMMUNISATION", decision: "GIVEN", givenBy: "CHILD" };
    const wrong = await recordId("recordConsent", "RecordConsentInput", { ...input, givenOn: "2026-11-02" });
    const right = await recordId("recordConsent", "RecordConsentInput", { ...input, givenOn: "2026-11-03" });
    await voidRecord(wrong);
    expect((await read<{ consents: { id: string }[] }>(id, "consents { id }")).consents).toEqual([{ id: right }]);
  });

  it("voiding the GP registration that closed the registration task: unregistered again, the task back in the tray", async () => {
    const id = await child("2012-05-05", "2026-11-02");
    const gp = await recordId("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Example Surgery", registeredOn: "2026-11-10" });
    expect((await read<{ unregisteredWith: string[] }>(id, "unregisteredWith")).unregisteredWith).toEqual(["DENTIST", "OPTICIAN"]);
    await voidRecord(gp);
    expect((await read<{ unregisteredWith: string[] }>(id, "unregisteredWith")).unregisteredWith).toEqual(["GP", "DENTIST", "OPTICIAN"]);
    const t = await tasks(id, "GpRegistration");
    expect(t.map((e) => [e.type, e.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2026-11-30"],
      ["StatutoryTaskCompleted", "2026-11-30"],
      ["StatutoryTaskScheduled", "2026-11-30"],
    ]);
    expect(t[2]?.taskId).toBe(t[0]?.taskId);
    // Registered again: the reopened task closes.
    await recordId("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Example Surgery", registeredOn: "2026-11-12" });
    expect((await tasks(id, "GpRegistration")).at(-1)).toMatchObject({ type: "StatutoryTaskCompleted", taskId: t[0]?.taskId });
  });

  it("voiding a move to another practice: the registration it ended is current again, no task reopens", async () => {
    const id = await child("2012-05-05", "2026-11-02");
    await recordId("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Example Surgery", registeredOn: "2026-11-10" });
    const move = await recordId("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Another Surgery", registeredOn: "2026-11-20" });
    const before = (await tasks(id, "GpRegistration")).length;
    await voidRecord(move);
    const { registrations, unregisteredWith } = await read<{ registrations: { practice: string; endedOn: string | null }[]; unregisteredWith: string[] }>(
      id,
      "registrations { practice endedOn } unregisteredWith",
    );
    expect(registrations).toEqual([{ practice: "Example Surgery", endedOn: null }]);
    expect(unregisteredWith).toEqual(["DENTIST", "OPTICIAN"]);
    expect((await tasks(id, "GpRegistration")).length).toBe(before);
    // The move can be recorded again from the restored registration.
    expect((await mutate("recordRegistration", "RecordRegistrationInput", { childId: id, kind: "GP", practice: "Another Surgery", registeredOn: "2026-11-21" })).errors).toBeUndefined();
  });
});

describe("refusals", () => {
  it.each([
    ["a blank reason", async (rec: string) => voidRecord(rec, "  "), { code: "BAD_USER_INPUT", field: "input.reason", rule: "REASON_REQUIRED" }],
    ["an unknown id", async () => voidRecord(randomUUID()), { code: "NOT_FOUND" }],
    ["an id that is no uuid", async () => voidRecord("not-an-id"), { code: "NOT_FOUND" }],
    ["an IRO (not a writer)", async (rec: string) => voidRecord(rec, "x", await env.keys.token({ roles: ["IRO"] })), { code: "FORBIDDEN" }],
  ])("%s is refused and nothing is voided", async (_, attempt, extensions) => {
    const id = await child("2015-02-28");
    const rec = await recordId("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-11-01" });
    expect((await attempt(rec)).errors?.[0]?.extensions).toMatchObject(extensions);
    expect((await read<{ dentalChecks: { id: string }[] }>(id, "dentalChecks { id }")).dentalChecks).toEqual([{ id: rec }]);
  });

  it("another local authority's record is not found; a second void is refused; a team manager may void", async () => {
    const foreign = await child("2015-02-28", "2026-01-05", "E08000003");
    const theirToken = await env.keys.token({ tenant: "E08000003", roles: ["SOCIAL_WORKER"] });
    const theirs = await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: foreign, checkedOn: "2026-11-01" }, "id", theirToken);
    const rec = theirs.data!.recordDentalCheck!.id as string;
    expect((await voidRecord(rec)).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.recordId" });
    const id = await child("2015-02-28");
    const mine = await recordId("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-11-01" });
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"] });
    expect((await voidRecord(mine, "wrong child", manager)).errors).toBeUndefined();
    expect((await voidRecord(mine)).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.recordId", rule: "ALREADY_VOIDED" });
    expect(await db().$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.audit_entry WHERE entity_id = $1 AND action = 'health_record.voided'", mine)).toHaveLength(1);
  });
});
