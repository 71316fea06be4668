import { join } from "node:path";
import { fieldsOf, readTypeDefs, Role, ROLES } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { eventually, roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { family } from "../src/service";
import { ADD, support } from "./support";

/** The role matrix (infra/platform/src/auth/matrix.ts) applied to family: SW and FO read and write; TM and the allocated IRO read; no one else. */
const env = serviceUnderTest(family);
const as = roleTokens(env);
const t = support(env);

const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "FOSTERING_OFFICER", "IRO"];
const WRITERS: Role[] = ["SOCIAL_WORKER", "FOSTERING_OFFICER"];

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id family { members { id } } familyTree { nodes { id } } } } }`;
type Entities = { _entities: ({ id: string; family: { members: unknown[] } | null; familyTree: { nodes: unknown[] } | null } | null)[] };
const read = (token: string, id: string) => env.svc.query<Entities>(token, READ, { reps: [{ __typename: "Child", id }] });
const tokenFor = (role: Role) =>
  as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? "SC111111" : undefined });

/** Every mutation of the schema, with input that reaches the resolver (which then refuses it if the caller got through). */
const MUTATIONS: [string, string, Record<string, unknown>][] = [
  ["addFamilyMember", "AddFamilyMemberInput", { childId: randomUUID(), name: "X", relationship: "OTHER", hasParentalResponsibility: false }],
  ["changeParentalResponsibility", "ChangeParentalResponsibilityInput", { familyMemberId: randomUUID(), hasParentalResponsibility: false, effectiveOn: "2026-11-01" }],
  ["recordContactArrangement", "RecordContactArrangementInput", { childId: randomUUID(), familyMemberId: randomUUID(), kind: "TELEPHONE", frequency: { times: 1, period: "WEEK" }, supervision: "UNSUPERVISED", basis: "AGREED", startDate: "2026-11-01" }],
  ["changeContactArrangement", "ChangeContactArrangementInput", { arrangementId: randomUUID(), changedOn: "2026-11-01" }],
  ["endContactArrangement", "EndContactArrangementInput", { arrangementId: randomUUID(), endedOn: "2026-11-01" }],
  ["recordContactSession", "RecordContactSessionInput", { arrangementId: randomUUID(), sessionOn: "2026-11-01", outcome: "TOOK_PLACE" }],
  ["recordLifeStoryWorkItem", "RecordLifeStoryWorkItemInput", { childId: randomUUID(), kind: "MEMORY_BOX", title: "Box", completedOn: "2026-11-01" }],
];

let child: string;
beforeAll(async () => {
  setClock("2026-12-01T10:00:00Z");
  child = await t.child();
  const allocated = t.event("children", "WorkerAllocated", child, { allocationId: randomUUID(), workerId: "iro-1", role: "IRO", from: "2026-10-02", previousWorkerId: null });
  await t.send("children", allocated);
  await t.processed(allocated.id);
  const r = await t.gql(ADD, { input: { childId: child, name: "Jo Example", relationship: "MOTHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" } });
  expect(r.errors).toBeUndefined();
}, 60_000);
afterAll(() => setClock(null));

describe("each role reads and writes the family domain as the matrix says", () => {
  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    if (READERS.includes(role)) {
      const seen = await eventually(async () => (await read(token, child)).data?._entities[0] ?? undefined);
      // The mother (and any friends the writers before added); the child, the local authority (C2) and the members.
      expect(seen.family?.members.length).toBeGreaterThanOrEqual(1);
      expect(seen.familyTree?.nodes).toContainEqual({ id: "local-authority:E09000027" });
      expect(seen.familyTree?.nodes).toHaveLength((seen.family?.members.length ?? 0) + 2);
    } else {
      const r = await read(token, child);
      expect(r.data?._entities ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const w = await env.svc.query(token, ADD, { input: { childId: child, name: `Friend of ${role}`, relationship: "FAMILY_FRIEND", hasParentalResponsibility: false } });
    if (WRITERS.includes(role)) expect(w.errors).toBeUndefined();
    else expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

it("an IRO sees only the children allocated to them", async () => {
  const r = await read(await as("IRO", { userId: "iro-2" }), child);
  expect(r.errors).toBeUndefined();
  expect(r.data?._entities).toEqual([null]);
});

it("the list above is every mutation of the schema", () => {
  expect(MUTATIONS.map(([name]) => name).sort()).toEqual([...(fieldsOf(readTypeDefs(join(__dirname, ".."))).get("Mutation") ?? [])].sort());
});

it.each(MUTATIONS)("%s is for social workers and fostering officers only", async (name, type, input) => {
  const doc = `mutation($input: ${type}!) { ${name}(input: $input) { id } }`;
  for (const role of ROLES) {
    const r = await env.svc.query(await tokenFor(role), doc, { input });
    const code = r.errors?.[0]?.extensions?.code;
    if (WRITERS.includes(role)) expect(code).toBe("NOT_FOUND"); // through the shield: the ids are unknown
    else expect(code).toBe("FORBIDDEN");
  }
});
