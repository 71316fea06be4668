import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { leavingCare } from "../src/service";

/** The role matrix (infra/platform/src/auth/matrix.ts): leaving-care is read by SW, TM, PA, UC, IRO and written by SW, PA. */
const env = serviceUnderTest(leavingCare);
const as = roleTokens(env);
const TENANT = "E09000027";

const ev = (type: string, childId: string, payload: Record<string, unknown>) => envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id leavingCare { status } } } }`;
const NEEDS = `mutation($input: RecordNeedsAssessmentInput!) { recordNeedsAssessment(input: $input) { status } }`;
type Entities = { _entities: ({ id: string; leavingCare: { status: string } | null } | null)[] };
const read = (token: string, id: string) => env.svc.query<Entities>(token, READ, { reps: [{ __typename: "Child", id }] });

let id: string;
beforeAll(async () => {
  setClock("2026-12-01T10:00:00Z");
  id = randomUUID();
  await send(
    ev("ChildRegistered", id, { dateOfBirth: "2010-01-01", lookedAfterSince: "2024-01-01" }),
    ev("ChildBecameLookedAfter", id, { date: "2024-01-01", legalStatus: "C2" }),
    ev("WorkerAllocated", id, { allocationId: randomUUID(), workerId: "pa-1", role: "PERSONAL_ADVISER", from: "2026-01-01", previousWorkerId: null }),
  );
  const sw = await as("SOCIAL_WORKER");
  await eventually(async () => (await read(sw, id)).data?._entities[0]?.leavingCare?.status === "ELIGIBLE");
  const pa = await as("PERSONAL_ADVISER", { userId: "pa-1" });
  await eventually(async () => (await read(pa, id)).data?._entities[0]?.leavingCare?.status === "ELIGIBLE");
});
afterAll(() => setClock(null));

it("the allocated personal adviser reads the child's leaving-care record; another adviser is shown nothing", async () => {
  expect((await read(await as("PERSONAL_ADVISER", { userId: "pa-1" }), id)).data?._entities[0]?.leavingCare?.status).toBe("ELIGIBLE");
  expect((await read(await as("PERSONAL_ADVISER", { userId: "pa-2" }), id)).data?._entities[0]?.leavingCare ?? null).toBeNull();
});

it("residential staff may not read leaving care", async () => {
  const r = await read(await as("RESIDENTIAL_STAFF", { home: "SC111111" }), id);
  expect(r.data?._entities[0]?.leavingCare ?? null).toBeNull();
});

it("a team manager may read but not record a needs assessment; the personal adviser may", async () => {
  const tm = await as("TEAM_MANAGER");
  expect((await read(tm, id)).data?._entities[0]?.leavingCare?.status).toBe("ELIGIBLE");
  const denied = await env.svc.query(tm, NEEDS, { input: { childId: id, completedOn: "2026-11-01" } });
  expect(denied.errors?.[0]).toBeDefined();
  const ok = await env.svc.query(await as("PERSONAL_ADVISER", { userId: "pa-1" }), NEEDS, { input: { childId: id, completedOn: "2026-11-01" } });
  expect(ok.errors).toBeUndefined();
});
