import { envelope, eventsTopic, Role, ROLES } from "@caregraph/platform";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { children } from "../src/service";

/** Issue 9: who may read and write children, which children they are shown, and no existence oracle. */
const env = serviceUnderTest(children);
const as = roleTokens(env);
const HOME = "SC111111";
let seq = 0;

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
const ALLOCATE = `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`;
const CHILD = `query($id: ID!) { child(id: $id) { id firstName } }`;
const LIST = `{ children(first: 100) { edges { node { id } } } }`;
const input = () => ({ firstName: "Robin", lastName: `Access-${++seq}-${randomUUID().slice(0, 6)}`, dateOfBirth: "2014-03-01", sex: "FEMALE", lookedAfterSince: "2026-06-01", legalStatus: "C2" });

async function register(tenant = "E09000027", o: { iro?: string; home?: string } = {}) {
  const r = await env.svc.query<{ registerChild: { id: string } }>(await as("SOCIAL_WORKER", { tenant }), REGISTER, { input: input() });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  const id = r.data.registerChild.id;
  if (o.iro) {
    const a = await env.svc.query(await as("TEAM_MANAGER", { tenant }), ALLOCATE, { input: { childId: id, workerId: o.iro, role: "IRO", from: "2026-06-02" } });
    expect(a.errors).toBeUndefined();
  }
  if (o.home) {
    await publish(testKafka(env.broker.bootstrapServers), eventsTopic("placements"), [
      envelope(
        { type: "PlacementStarted", childId: id, payload: { placementId: randomUUID(), type: "K2", startDate: "2026-06-01", isMove: false, previousPlacementId: null, urn: o.home } },
        { tenant, source: "placements", actor: "test" },
      ),
    ]);
  }
  return id;
}
const shown = async (token: string, id: string) => (await env.svc.query<{ child: { id: string } | null }>(token, CHILD, { id })).data?.child?.id ?? null;

const READERS: Role[] = ROLES.filter((r) => r !== "PARTNER" && r !== "AUDITOR");
const WRITERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER"];
const tokenFor = (role: Role) => as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });

describe("children: each role reads and writes what the matrix gives it", () => {
  let a: string;
  beforeAll(async () => {
    a = await register("E09000027", { iro: "iro-1", home: HOME });
    const allocated = await env.svc.query(await as("TEAM_MANAGER"), ALLOCATE, { input: { childId: a, workerId: "pa-1", role: "PERSONAL_ADVISER", from: "2026-06-02" } });
    expect(allocated.errors).toBeUndefined();
  }, 60_000);

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    if (READERS.includes(role)) {
      expect(await eventually(async () => ((await shown(token, a)) === a ? true : undefined))).toBe(true);
    } else {
      const r = await env.svc.query(token, CHILD, { id: a });
      expect(r.data?.child ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const w = await env.svc.query(token, REGISTER, { input: input() });
    if (WRITERS.includes(role)) expect(w.errors).toBeUndefined();
    else expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("allocating a worker is the team manager's decision, not the social worker's", async () => {
    const r = await env.svc.query(await as("SOCIAL_WORKER"), ALLOCATE, { input: { childId: a, workerId: "iro-x", role: "IRO", from: "2026-06-03" } });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a field a role may not see is null with FORBIDDEN at its path (residential staff and the UPN)", async () => {
    const staff = await tokenFor("RESIDENTIAL_STAFF");
    const r = await env.svc.query<{ child: { upn: string | null } }>(staff, `query($id: ID!) { child(id: $id) { id upn } }`, { id: a });
    expect(r.data?.child).toEqual({ id: a, upn: null });
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["child", "upn"] });
  });
});

describe("children: scope", () => {
  it("residential staff see only the children placed in their own home, in child() and children()", async () => {
    const here = await register("E09000027", { home: "SC333333" });
    const elsewhere = await register("E09000027", { home: "SC444444" });
    const staff = await as("RESIDENTIAL_STAFF", { home: "SC333333" });
    await eventually(async () => ((await shown(staff, here)) === here ? true : undefined));
    expect(await shown(staff, elsewhere)).toBeNull();
    const list = await env.svc.query<{ children: { edges: { node: { id: string } }[] } }>(staff, LIST);
    expect(list.data?.children.edges.map((e) => e.node.id)).toEqual([here]);
    const noHome = await env.svc.query<{ children: { edges: unknown[] } }>(await as("RESIDENTIAL_STAFF"), LIST);
    expect(noHome.data?.children.edges).toEqual([]);
  });

  it("an IRO sees only the children allocated to them", async () => {
    const mine = await register("E09000027", { iro: "iro-2" });
    const theirs = await register("E09000027", { iro: "iro-3" });
    const iro = await as("IRO", { userId: "iro-2" });
    await eventually(async () => ((await shown(iro, mine)) === mine ? true : undefined));
    expect(await shown(iro, theirs)).toBeNull();
    const list = await env.svc.query<{ children: { edges: { node: { id: string } }[] } }>(iro, LIST);
    expect(list.data?.children.edges.map((e) => e.node.id)).toEqual([mine]);
  });
});

describe("children: entity references", () => {
  it("unknown and foreign ids answer alike (null, no error) in child() and _entities; upper-case ids are normalised", async () => {
    const own = await register();
    const foreign = await register("E08000025");
    const sw = await as("SOCIAL_WORKER");
    const answers = await Promise.all([randomUUID(), foreign, foreign.toUpperCase()].map((id) => env.svc.query(sw, CHILD, { id })));
    for (const a of answers) expect(a).toEqual({ status: 200, data: { child: null } });
    expect(await shown(sw, own.toUpperCase())).toBe(own);
    const r = await env.svc.query<{ _entities: ({ id: string } | null)[] }>(sw, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id } } }`, {
      reps: [randomUUID(), foreign, foreign.toUpperCase(), own.toUpperCase()].map((id) => ({ __typename: "Child", id })),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities.map((e) => e?.id ?? null)).toEqual([null, null, null, own]);
  });
});
