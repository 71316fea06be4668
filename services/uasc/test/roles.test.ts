import { envelope, EventEnvelope, eventsTopic, Role, ROLES } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { uasc } from "../src/service";

/**
 * The role matrix (infra/platform/src/auth/matrix.ts) applied to uasc: read by SOCIAL_WORKER,
 * TEAM_MANAGER, PERSONAL_ADVISER, UASC_COORDINATOR and IRO (the last two of those only for
 * children allocated to them); written by SOCIAL_WORKER and UASC_COORDINATOR; nobody else.
 */
const env = serviceUnderTest(uasc);
const as = roleTokens(env);
const TENANT = "E09000027";
const HOME = "SC111111";

const ev = (type: string, childId: string, payload: Record<string, unknown>) => envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id uasc { immigrationStatus homeOfficeReference ageAssessments { outcome } } } } }`;
const WRITE = `mutation($input: RecordAgeAssessmentInput!) { recordAgeAssessment(input: $input) { id } }`;
const STATUS = `mutation($input: RecordImmigrationStatusInput!) { recordImmigrationStatus(input: $input) { id } }`;
const DETAILS = `mutation($input: RecordUascDetailsInput!) { recordUascDetails(input: $input) { childId } }`;
type Entities = { _entities: ({ id: string; uasc: { immigrationStatus: string; homeOfficeReference: string | null } | null } | null)[] };
const read = (token: string, id: string) => env.svc.query<Entities>(token, READ, { reps: [{ __typename: "Child", id }] });
const assess = (token: string, childId: string) =>
  env.svc.query(token, WRITE, { input: { childId, assessedOn: "2026-11-20", outcome: "ACCEPTED", assessors: ["Sam Okafor", "Priya Shah"] } });

const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "PERSONAL_ADVISER", "UASC_COORDINATOR", "IRO"];
const WRITERS: Role[] = ["SOCIAL_WORKER", "UASC_COORDINATOR"];
const tokenFor = (role: Role) =>
  as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });

let id: string;
beforeAll(async () => {
  setClock("2026-12-01T10:00:00Z");
  id = randomUUID();
  await send(
    ev("ChildRegistered", id, { dateOfBirth: "2010-04-20", lookedAfterSince: "2026-09-01" }),
    ev("ChildBecameLookedAfter", id, { date: "2026-09-01", legalStatus: "V2" }),
    ev("WorkerAllocated", id, { allocationId: randomUUID(), workerId: "iro-1", role: "IRO", from: "2026-09-02", previousWorkerId: null }),
    ev("WorkerAllocated", id, { allocationId: randomUUID(), workerId: "pa-1", role: "PERSONAL_ADVISER", from: "2026-09-02", previousWorkerId: null }),
  );
  const sw = await as("SOCIAL_WORKER");
  await eventually(async () => (await read(sw, id)).data?._entities[0]?.id === id);
  for (const [doc, input] of [
    [STATUS, { childId: id, status: "ASYLUM_CLAIMED", decidedOn: "2026-08-30" }],
    [DETAILS, { childId: id, homeOfficeReference: "B1234567" }],
  ] as const) {
    const r = await env.svc.query(sw, doc, { input });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
  // The IRO's and adviser's scope comes from WorkerAllocated: wait until it has arrived.
  const iro = await tokenFor("IRO");
  await eventually(async () => (await read(iro, id)).data?._entities[0]?.uasc?.immigrationStatus === "ASYLUM_CLAIMED");
}, 60_000);
afterAll(() => setClock(null));

describe("uasc: each role reads and writes what the matrix gives it", () => {
  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    const r = await read(token, id);
    if (READERS.includes(role)) {
      // The Home Office reference is for every reader of the domain (personal data kept off events, not off readers).
      expect(r.data?._entities[0]?.uasc).toMatchObject({ immigrationStatus: "ASYLUM_CLAIMED", homeOfficeReference: "B1234567" });
    } else {
      expect(r.data?._entities ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const w = await assess(token, id);
    if (WRITERS.includes(role)) expect(w.errors).toBeUndefined();
    else expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

it("an IRO or personal adviser not allocated to the child is shown nothing", async () => {
  for (const token of [await as("IRO", { userId: "iro-2" }), await as("PERSONAL_ADVISER", { userId: "pa-2" })]) {
    expect((await read(token, id)).data?._entities[0] ?? null).toBeNull();
  }
});

it("another local authority's social worker neither sees the child nor records anything for it", async () => {
  const other = await as("SOCIAL_WORKER", { tenant: "E08000025" });
  expect((await read(other, id)).data?._entities[0] ?? null).toBeNull();
  const w = await assess(other, id);
  expect(w.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.childId" });
});
