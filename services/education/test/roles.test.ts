import { Domain, envelope, EventEnvelope, eventsTopic, Role, ROLES } from "@caregraph/platform";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { setClock } from "@caregraph/platform/clock";
import { education } from "../src/service";

beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

/** The role matrix (infra/platform/src/auth/matrix.ts) applied to education: who reads, who writes. */
const env = serviceUnderTest(education);
const as = roleTokens(env);
const TENANT = "E09000027";
const HOME = "SC111111";

const ev = (source: Domain, type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: TENANT, source, actor: "test" });
const send = (domain: Domain, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic(domain), events);

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id education { peps { id status } } } } }`;
const RECORD = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`;
type Entities = { _entities: ({ id: string; education: { peps: unknown[] } } | null)[] };
const read = (token: string, id: string) => env.svc.query<Entities>(token, READ, { reps: [{ __typename: "Child", id }] });

const tokenFor = (role: Role) => as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });
const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "RESIDENTIAL_STAFF", "PERSONAL_ADVISER", "UASC_COORDINATOR", "EDUCATION_COORDINATOR", "IRO"];
const WRITERS: Role[] = ["SOCIAL_WORKER", "EDUCATION_COORDINATOR"];

describe("education: each role reads and writes what the matrix gives it", () => {
  let a: string;
  beforeAll(async () => {
    a = randomUUID();
    await send(
      "children",
      ev("children", "ChildRegistered", a, { dateOfBirth: "2012-03-03", lookedAfterSince: "2026-10-01" }),
      ev("children", "ChildBecameLookedAfter", a, { date: "2026-10-01", legalStatus: "C2" }),
      ev("children", "WorkerAllocated", a, { allocationId: randomUUID(), workerId: "iro-1", role: "IRO", from: "2026-10-02", previousWorkerId: null }),
      ev("children", "WorkerAllocated", a, { allocationId: randomUUID(), workerId: "pa-1", role: "PERSONAL_ADVISER", from: "2026-10-02", previousWorkerId: null }),
    );
    await send("placements", ev("placements", "PlacementStarted", a, { placementId: randomUUID(), type: "K2", startDate: "2026-10-01", isMove: false, previousPlacementId: null, urn: HOME }));
    const sw = await as("SOCIAL_WORKER");
    await eventually(async () => (await read(sw, a)).data?._entities[0]?.education.peps.length === 1);
  }, 60_000);

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    if (READERS.includes(role)) {
      const seen = await eventually(async () => ((await read(token, a)).data?._entities[0] ? true : undefined));
      expect(seen).toBe(true);
    } else {
      const r = await read(token, a);
      expect(r.data?._entities ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const w = await env.svc.query(token, RECORD, { input: { childId: a, term: "AUTUMN 2026", possibleSessions: 100, attendedSessions: 95 } });
    if (WRITERS.includes(role)) expect(w.errors).toBeUndefined();
    else expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
