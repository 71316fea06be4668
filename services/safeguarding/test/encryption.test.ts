import { envelope, eventsTopic, setClock } from "@caregraph/platform";
import { installFieldKeyring, keyringFromEnv, parseKeyring, rotateAll } from "@caregraph/platform/crypto";
import { clearTextOutsideColumns, markedColumnsVia, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomBytes, randomUUID } from "node:crypto";
import { ENCRYPTED } from "../src/encrypted-fields";
import { safeguarding, startSafeguarding } from "../src/service";

/** UK GDPR (issue 11): safeguarding narratives are sealed before they reach the database. */
const env = serviceUnderTest(safeguarding);
const TENANT = "E09000027";
const SUMMARY = "Synthetic: bruising seen on the upper arm at school";
const NOTE = "Synthetic: strategy discussion convened with police the same day";

const db = () => env.svc.service.deps.db;
const gql = async (doc: string, variables: Record<string, unknown>, token = env.token) => {
  const r = await env.svc.query(token, doc, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as Record<string, unknown>;
};
const RAISE = `mutation($input: RaiseConcernInput!) { raiseConcern(input: $input) { id summary escalation { id } } }`;
const ACK = `mutation($input: AcknowledgeEscalationInput!) { acknowledgeEscalation(input: $input) { id acknowledgementNote } }`;
const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { concerns { id summary escalation { acknowledgementNote } } } } }`;

async function child() {
  const id = randomUUID();
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    envelope({ type: "ChildRegistered", childId: id, payload: { dateOfBirth: "2014-05-05", lookedAfterSince: null } }, { tenant: TENANT, source: "children", actor: "test" }),
  ]);
  return id;
}

/** A CRITICAL concern (its escalation acknowledged by a team manager with a note). */
async function concernWithNote(summary = SUMMARY, note = NOTE) {
  setClock("2026-12-01T12:00:00Z");
  const childId = await child();
  const raised = (await gql(RAISE, { input: { childId, category: "PHYSICAL_ABUSE", riskLevel: "CRITICAL", summary, raisedOn: "2026-12-01" } })).raiseConcern as {
    id: string;
    summary: string;
    escalation: { id: string };
  };
  const manager = await env.keys.token({ roles: ["TEAM_MANAGER"], userId: "tm-9" });
  const ack = (await gql(ACK, { input: { taskId: raised.escalation.id, acknowledgedOn: "2026-12-01", note } }, manager)).acknowledgeEscalation;
  return { childId, raised, ack, manager };
}
const read = async (childId: string, token = env.token) =>
  ((await gql(READ, { reps: [{ __typename: "Child", id: childId }] }, token))._entities as { concerns: { id: string; summary: string; escalation: { acknowledgementNote: string | null } }[] }[])[0]!.concerns;
const raw = async (concernId: string, taskId: string) => ({
  summary: (await db().$queryRawUnsafe<{ v: string }[]>(`SELECT summary AS v FROM safeguarding.concern WHERE id = $1::uuid`, concernId))[0]!.v,
  note: (await db().$queryRawUnsafe<{ v: string }[]>(`SELECT acknowledgement_note AS v FROM safeguarding.safeguarding_task WHERE id = $1::uuid`, taskId))[0]!.v,
});

afterEach(() => installFieldKeyring(keyringFromEnv({})));
afterAll(() => setClock(null));

it("the declared encrypted columns are the ones the migrations mark for keys:rotate", async () => {
  const declared = Object.values(ENCRYPTED).map(({ schema, table, column, idColumn }) => ({ schema, table, column, idColumn }));
  expect(await markedColumnsVia(db(), "safeguarding")).toEqual(declared.sort((a, b) => `${a.table}`.localeCompare(b.table)));
});

it("the concern's summary and the acknowledgement note are ciphertext in the database, clear text through GraphQL, and in no event or audit entry", async () => {
  const { childId, raised, ack, manager } = await concernWithNote();
  expect(raised.summary).toBe(SUMMARY);
  expect(ack).toMatchObject({ acknowledgementNote: NOTE });
  const stored = await raw(raised.id, raised.escalation.id);
  expect(stored.summary).toMatch(/^enc:v1:dev:/);
  expect(stored.note).toMatch(/^enc:v1:dev:/);
  expect(JSON.stringify(stored)).not.toMatch(/bruising|strategy discussion/i);
  expect(await read(childId, manager)).toEqual([{ id: raised.id, summary: SUMMARY, escalation: { acknowledgementNote: NOTE } }]);
  expect(await clearTextOutsideColumns(db(), "safeguarding", [SUMMARY, NOTE])).toEqual([]);
});

it("a summary copied into another concern's row does not open: the caller gets a masked error (the log names the place), no ciphertext", async () => {
  const a = await concernWithNote();
  const b = await concernWithNote("Synthetic: another concern");
  await db().$executeRawUnsafe(`UPDATE safeguarding.concern SET summary = (SELECT summary FROM safeguarding.concern WHERE id = $1::uuid) WHERE id = $2::uuid`, a.raised.id, b.raised.id);
  const r = await env.svc.query(b.manager, READ, { reps: [{ __typename: "Child", id: b.childId }] });
  expect(r.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  expect(JSON.stringify(r)).not.toContain("enc:v1");
});

it("an Idempotency-Key answer (which shows the summary) is stored sealed, and replays in clear", async () => {
  setClock("2026-12-01T12:00:00Z");
  const childId = await child();
  const body = JSON.stringify({ query: RAISE, variables: { input: { childId, category: "NEGLECT", riskLevel: "LOW", summary: SUMMARY, raisedOn: "2026-12-01" } } });
  const send = async () =>
    (await (await fetch(env.svc.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${env.token}`, "idempotency-key": `k-${childId}` }, body })).json()) as {
      data: { raiseConcern: { summary: string } };
    };
  expect((await send()).data.raiseConcern.summary).toBe(SUMMARY);
  expect((await send()).data.raiseConcern.summary).toBe(SUMMARY);
  const [row] = await db().$queryRawUnsafe<{ response: string }[]>(`SELECT response::text AS response FROM safeguarding.idempotent_request WHERE key = $1`, `k-${childId}`);
  expect(row!.response).toMatch(/^\{"sealed": "enc:v1:dev:/);
  expect(row!.response).not.toContain("bruising");
});

it("keys:rotate: written with key A, keys B,A → every row re-sealed with B (legacy clear rows too), still read; then B alone reads", async () => {
  const key = () => randomBytes(32).toString("base64");
  const [A, B] = [key(), key()];
  // Only this test's rows (the others were sealed with the development key).
  await db().$executeRawUnsafe(`DELETE FROM safeguarding.concern`);
  await db().$executeRawUnsafe(`DELETE FROM safeguarding.safeguarding_task`);
  installFieldKeyring(parseKeyring(`a:${A}`));
  const { childId, raised, manager } = await concernWithNote();
  // A row from before encryption: clear text.
  const legacy = await concernWithNote();
  await db().$executeRawUnsafe(`UPDATE safeguarding.concern SET summary = 'Synthetic: written before encryption' WHERE id = $1::uuid`, legacy.raised.id);
  expect((await raw(raised.id, raised.escalation.id)).summary).toMatch(/^enc:v1:a:/);

  const ringBA = parseKeyring(`b:${B},a:${A}`);
  installFieldKeyring(ringBA); // the services are redeployed with B first, A still accepted
  const reports = await rotateAll({ url: env.svc.databaseUrl }, ringBA);
  expect(reports.find((r) => r.column === "safeguarding.concern.summary")).toMatchObject({ wereClear: 1, unreadable: 0, changedMeanwhile: 0 });

  const keyIds = await db().$queryRawUnsafe<{ k: string | null }[]>(
    `SELECT split_part(summary, ':', 3) AS k FROM safeguarding.concern UNION SELECT split_part(acknowledgement_note, ':', 3) FROM safeguarding.safeguarding_task WHERE acknowledgement_note IS NOT NULL`,
  );
  expect(keyIds.map((r) => r.k)).toEqual(["b"]);

  installFieldKeyring(parseKeyring(`b:${B}`)); // the old key removed
  expect(await read(childId, manager)).toEqual([{ id: raised.id, summary: SUMMARY, escalation: { acknowledgementNote: NOTE } }]);
  expect((await read(legacy.childId, legacy.manager))[0]!.summary).toBe("Synthetic: written before encryption");
});

it("in production the service does not start without FIELD_ENCRYPTION_KEYS (the development key is refused)", async () => {
  const env = { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", KAFKA_BROKERS: "127.0.0.1:1", JWT_PUBLIC_KEY: "pem", PORT: "0", LOG_LEVEL: "silent" };
  await expect(startSafeguarding({ ...env, NODE_ENV: "production" })).rejects.toThrow(/FIELD_ENCRYPTION_KEYS is required in production/);
  await expect(startSafeguarding({ ...env, NODE_ENV: "production", FIELD_ENCRYPTION_KEYS: "k1:short" })).rejects.toThrow(/key "k1" must be 32 bytes/);
});
