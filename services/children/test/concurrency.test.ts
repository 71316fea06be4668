import { setClock } from "@caregraph/platform/clock";
import { serviceUnderTest } from "@caregraph/platform/testing";
import { children } from "../src/service";

/**
 * Every read-check-write on a child's history holds the per-child lock inside its transaction:
 * the same change sent many times at once is accepted once, and the history stays a chain.
 */
const env = serviceUnderTest(children);
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

let seq = 0;
async function register() {
  const r = await env.svc.query<{ registerChild: { id: string } }>(env.token, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Rue", lastName: `Samewhile-${++seq}`, dateOfBirth: "2013-09-14", sex: "MALE", lookedAfterSince: "2026-05-04", legalStatus: "V2" },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}
const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

it("8 concurrent recordLegalStatus calls on one child leave one legal status open and a history without overlaps", async () => {
  const id = await register();
  const answers = await times(8, (i) =>
    env.svc.query(env.token, `mutation($input: RecordLegalStatusInput!) { recordLegalStatus(input: $input) { id } }`, {
      input: { childId: id, code: i % 2 ? "C2" : "C1", startDate: `2026-11-${String(10 + i).padStart(2, "0")}` },
    }),
  );
  expect(answers.filter((a) => !a.errors).length).toBeGreaterThan(0);
  const rows = await env.svc.service.deps.db.legalStatus.findMany({ where: { childId: id, voidedAt: null }, orderBy: { startDate: "asc" } });
  expect(rows.filter((r) => r.endDate === null)).toHaveLength(1);
  for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.endDate?.toISOString()).toBe(rows[i]!.startDate.toISOString());
});

it("6 concurrent archiveChild calls: one archives, the others are told it is already archived", async () => {
  const id = await register();
  const answers = await times(6, () => env.svc.query(env.token, `mutation($id: ID!) { archiveChild(id: $id) { id } }`, { id }));
  expect(answers.filter((a) => !a.errors)).toHaveLength(1);
  expect(answers.filter((a) => a.errors?.[0]?.extensions?.rule === "ALREADY_ARCHIVED")).toHaveLength(5);
});

it("6 concurrent allocations of the same social worker: one is made, the others are refused", async () => {
  const id = await register();
  const manager = await env.keys.token({ roles: ["TEAM_MANAGER"] });
  const answers = await times(6, () =>
    env.svc.query(manager, `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, {
      input: { childId: id, workerId: "sw-samewhile", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-11-20" },
    }),
  );
  expect(answers.filter((a) => !a.errors)).toHaveLength(1);
  expect(await env.svc.service.deps.db.allocation.count({ where: { childId: id, to: null } })).toBe(1);
});
