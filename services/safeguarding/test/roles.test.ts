import { envelope, EventEnvelope, eventsTopic, Role, ROLES } from "@caregraph/platform";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { safeguarding } from "../src/service";

/** Issue 9: who may read and write safeguarding, which children they are shown, and no existence oracle. */
const env = serviceUnderTest(safeguarding);
const as = roleTokens(env);
const TENANT = "E09000027";
const OTHER = "E08000025";

const ev = (type: string, childId: string, payload: Record<string, unknown>, tenant = TENANT) =>
  envelope({ type, childId, payload }, { tenant, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id concerns { id summary } } } }`;
const PLAN = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id childProtection { plan { category startDate } } } } }`;
const RAISE = `mutation($input: RaiseConcernInput!) { raiseConcern(input: $input) { id } }`;
type Entities = { _entities: ({ id: string } | null)[] };
const reps = (ids: string[]) => ({ reps: ids.map((id) => ({ __typename: "Child", id })) });
const read = (token: string, ...ids: string[]) => env.svc.query<Entities>(token, READ, reps(ids));
const concern = (childId: string) => ({ input: { childId, category: "NEGLECT", riskLevel: "LOW", summary: "Missed nursery", raisedOn: "2026-11-02" } });

async function child(tenant = TENANT, iro?: string) {
  const id = randomUUID();
  await send(
    ev("ChildRegistered", id, { dateOfBirth: "2016-03-03", lookedAfterSince: null }, tenant),
    ...(iro ? [ev("WorkerAllocated", id, { allocationId: randomUUID(), workerId: iro, role: "IRO", from: "2026-10-02", previousWorkerId: null }, tenant)] : []),
  );
  const sw = await as("SOCIAL_WORKER", { tenant });
  await eventually(async () => ((await read(sw, id)).data?._entities[0] ? true : undefined));
  return id;
}

const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "SAFEGUARDING_LEAD", "IRO"];
const WRITERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER"];
const tokenFor = (role: Role) => as(role, { userId: role === "IRO" ? "iro-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? "SC111111" : undefined });

describe("safeguarding: each role reads and writes what the matrix gives it", () => {
  let a: string;
  beforeAll(async () => {
    a = await child(TENANT, "iro-1");
  }, 60_000);

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    if (READERS.includes(role)) {
      expect(await eventually(async () => ((await read(token, a)).data?._entities[0] ? true : undefined))).toBe(true);
    } else {
      const r = await read(token, a);
      expect(r.data?._entities?.[0] ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const w = await env.svc.query(token, RAISE, concern(a));
    if (WRITERS.includes(role)) expect(w.errors).toBeUndefined();
    else expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a health professional sees that a child has a child protection plan, never the concerns' narrative", async () => {
    const hp = await as("HEALTH_PROFESSIONAL");
    const plan = await env.svc.query<{ _entities: { childProtection: unknown }[] }>(hp, PLAN, reps([a]));
    expect(plan.errors).toBeUndefined();
    expect(plan.data?._entities[0]).toHaveProperty("childProtection");
    const narrative = await read(hp, a);
    expect(narrative.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["_entities", 0, "concerns"] });
    expect(JSON.stringify(narrative.data)).not.toContain("Missed nursery");
  });
});

describe("safeguarding: scope and entity references", () => {
  it("an IRO sees only the children allocated to them", async () => {
    const mine = await child(TENANT, "iro-2");
    const theirs = await child(TENANT, "iro-3");
    const iro = await as("IRO", { userId: "iro-2" });
    const seen = await eventually(async () => {
      const r = await read(iro, mine, theirs);
      return r.data?._entities[0] ? r.data._entities : undefined;
    });
    expect(seen.map((e) => e?.id ?? null)).toEqual([mine, null]);
    expect((await env.svc.query(iro, RAISE, concern(theirs))).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("unknown and foreign ids resolve alike (null), upper-case ids are normalised; writes on them fail alike and fast", async () => {
    const own = await child();
    const foreign = await child(OTHER);
    const sw = await as("SOCIAL_WORKER");
    const r = await read(sw, randomUUID(), foreign, foreign.toUpperCase(), own.toUpperCase());
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities.map((e) => e?.id ?? null)).toEqual([null, null, null, own]);
    const started = Date.now();
    const unknown = await env.svc.query(sw, RAISE, concern(randomUUID()));
    const theirs = await env.svc.query(sw, RAISE, concern(foreign));
    expect(Date.now() - started).toBeLessThan(8000); // two bounded waits (≤1.5 s each), with room for a loaded machine
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(theirs.errors?.[0]).toEqual(unknown.errors?.[0]);
  });
});
