import { envelope, eventsTopic, verifyAll } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { installFieldKeyring, keyringFromEnv, parseKeyring, rotateAll } from "@caregraph/platform/crypto";
import { clearTextOutsideColumns, eventually, markedColumnsVia, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomBytes, randomUUID } from "node:crypto";
import { ENCRYPTED } from "../src/encrypted-fields";
import { health } from "../src/service";

/** UK GDPR (issue 11): health notes and medical history are sealed before they reach the database. */
const env = serviceUnderTest(health);
const TENANT = "E09000027";
const NOTE = "Synthetic: asthma reviewed, inhaler technique checked";
const AMENDED = "Synthetic: asthma reviewed; referred to the school nurse";
const ALLERGY = "Synthetic: peanut allergy, carries an adrenaline pen";
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));
afterEach(() => installFieldKeyring(keyringFromEnv({})));

const db = () => env.svc.service.deps.db;
const gql = async (doc: string, variables: Record<string, unknown>) => {
  const r = await env.svc.query(env.token, doc, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as Record<string, Record<string, unknown>>;
};
async function child() {
  const id = randomUUID();
  const ev = (type: string, payload: Record<string, unknown>) => envelope({ type, childId: id, payload }, { tenant: TENANT, source: "children", actor: "test" });
  const became = ev("ChildBecameLookedAfter", { date: "2026-11-02", legalStatus: "C2" });
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [ev("ChildRegistered", { dateOfBirth: "2012-05-05", lookedAfterSince: "2026-11-02" }), became]);
  await eventually(async () => (await db().$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", became.id)).length === 1);
  return id;
}
const RECORD = `mutation($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id note } }`;
const AMEND = `mutation($input: AmendHealthAssessmentInput!) { amendHealthAssessment(input: $input) { id note } }`;
const HISTORY = `mutation($input: RecordMedicalHistoryInput!) { recordMedicalHistory(input: $input) { id description } }`;
const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthAssessments { id note } medicalHistory { id description } } } }`;

/** An IHA with a note (then amended) and an allergy. */
async function records() {
  const childId = await child();
  const iha = (await gql(RECORD, { input: { childId, completedOn: "2026-11-20", note: NOTE } })).recordHealthAssessment as { id: string; note: string };
  const item = (await gql(HISTORY, { input: { childId, kind: "ALLERGY", description: ALLERGY } })).recordMedicalHistory as { id: string; description: string };
  return { childId, iha, item };
}
const read = async (childId: string) =>
  ((await gql(READ, { reps: [{ __typename: "Child", id: childId }] }))._entities as unknown as { healthAssessments: { id: string; note: string | null }[]; medicalHistory: { id: string; description: string }[] }[])[0]!;
const raw = async (table: string, column: string, id: string) =>
  (await db().$queryRawUnsafe<{ v: string | null }[]>(`SELECT ${column} AS v FROM health.${table} WHERE id = $1::uuid`, id))[0]!.v;

it("the declared encrypted columns are the ones the migrations mark for keys:rotate", async () => {
  const declared = Object.values(ENCRYPTED).map(({ schema, table, column, idColumn }) => ({ schema, table, column, idColumn }));
  expect(await markedColumnsVia(db(), "health")).toEqual(declared.sort((a, b) => a.table.localeCompare(b.table)));
});

it("the assessment note and the medical history are ciphertext in the database, clear text through GraphQL, and in no event or audit entry (an amendment too)", async () => {
  const { childId, iha, item } = await records();
  expect([iha.note, item.description]).toEqual([NOTE, ALLERGY]);
  expect(await raw("health_assessment", "note", iha.id)).toMatch(/^enc:v1:dev:/);
  expect(await raw("medical_history_item", "description", item.id)).toMatch(/^enc:v1:dev:/);
  expect((await gql(AMEND, { input: { id: iha.id, note: AMENDED, reason: "Synthetic: note completed" } })).amendHealthAssessment).toEqual({ id: iha.id, note: AMENDED });
  const stored = await raw("health_assessment", "note", iha.id);
  expect(stored).toMatch(/^enc:v1:dev:/);
  expect(stored).not.toMatch(/asthma/i);
  const seen = await read(childId);
  expect(seen.healthAssessments.find((a) => a.id === iha.id)?.note).toBe(AMENDED);
  expect(seen.medicalHistory).toEqual([{ id: item.id, description: ALLERGY }]);
  expect(await clearTextOutsideColumns(db(), "health", [NOTE, AMENDED, ALLERGY])).toEqual([]);
  // The audit of the amendment says the note changed, not what it says.
  const [audit] = await db().$queryRawUnsafe<{ details: Record<string, unknown> }[]>(`SELECT details FROM health.audit_entry WHERE action = 'health_assessment.amended' AND entity_id = $1`, iha.id);
  expect(audit!.details).toMatchObject({ noteChanged: true, before: { completedOn: "2026-11-20", kind: "INITIAL" } });
});

it("keys:rotate: written with key A, keys B,A → every row re-sealed with B (legacy clear rows too), still read; then B alone reads", async () => {
  const key = () => randomBytes(32).toString("base64");
  const [A, B] = [key(), key()];
  // Only this test's rows (the others were sealed with the development key).
  await db().$executeRawUnsafe(`DELETE FROM health.health_assessment`);
  await db().$executeRawUnsafe(`DELETE FROM health.medical_history_item`);
  installFieldKeyring(parseKeyring(`a:${A}`));
  const { childId, iha, item } = await records();
  const legacy = await records();
  await db().$executeRawUnsafe(`UPDATE health.medical_history_item SET description = 'Synthetic: written before encryption' WHERE id = $1::uuid`, legacy.item.id);
  expect(await raw("health_assessment", "note", iha.id)).toMatch(/^enc:v1:a:/);

  const ringBA = parseKeyring(`b:${B},a:${A}`);
  installFieldKeyring(ringBA);
  const reports = await rotateAll({ url: env.svc.databaseUrl }, ringBA);
  expect(reports.map((r) => [r.column, r.resealed, r.wereClear, r.unreadable])).toEqual([
    ["health.health_assessment.note", expect.any(Number), 0, 0],
    ["health.medical_history_item.description", 2, 1, 0],
  ]);
  const keyIds = await db().$queryRawUnsafe<{ k: string }[]>(
    `SELECT split_part(note, ':', 3) AS k FROM health.health_assessment WHERE note IS NOT NULL UNION SELECT split_part(description, ':', 3) FROM health.medical_history_item`,
  );
  expect(keyIds.map((r) => r.k)).toEqual(["b"]);
  // In the service's audit trail, for the local authority, counts only; the hash chain still holds.
  const audit = await db().$queryRawUnsafe<{ tenant: string; actor: string; entity_id: string; details: { columns: Record<string, number> } }[]>(
    `SELECT tenant, actor, entity_id, details FROM health.audit_entry WHERE action = 'fields.resealed'`,
  );
  expect(audit).toEqual([{ tenant: TENANT, actor: "system:keys-rotate", entity_id: "b", details: { columns: expect.objectContaining({ "medical_history_item.description": 2 }) } }]);
  expect((await verifyAll({ url: env.svc.databaseUrl })).find((r) => r.schema === "health")).toMatchObject({ broken: null });

  installFieldKeyring(parseKeyring(`b:${B}`));
  const seen = await read(childId);
  expect(seen.healthAssessments.find((a) => a.id === iha.id)?.note).toBe(NOTE);
  expect(seen.medicalHistory).toEqual([{ id: item.id, description: ALLERGY }]);
  expect((await read(legacy.childId)).medicalHistory[0]!.description).toBe("Synthetic: written before encryption");
});
