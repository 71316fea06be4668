import { eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { collect, eventually, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { children } from "../src/service";

const env = serviceUnderTest(children);
// Tuesday 1 December 2026 on the platform clock.
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

type Status = { id: string; code: string; startDate: string; endDate: string | null; reasonEpisodeCeased: string | null };
type ChildView = { id: string; lookedAfterSince: string | null; legalStatus: Status | null; legalStatuses: Status[] };
const VIEW = `id lookedAfterSince legalStatus { id code startDate endDate reasonEpisodeCeased } legalStatuses { id code startDate endDate reasonEpisodeCeased }`;
const brief = (c: ChildView | undefined) => c?.legalStatuses.map((s) => `${s.code} ${s.startDate}→${s.endDate ?? ""}${s.reasonEpisodeCeased ? ` ${s.reasonEpisodeCeased}` : ""}`);

let seq = 0;
async function register(lookedAfterSince: string | null = "2026-06-01", legalStatus: string | null = "V2") {
  const r = await env.svc.query<{ registerChild: ChildView }>(env.token, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { ${VIEW} } }`, {
    input: { firstName: "Kit", lastName: `Carewell-${++seq}`, dateOfBirth: "2014-03-01", sex: "FEMALE", lookedAfterSince, legalStatus },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild;
}

const mutate = async <N extends string>(name: N, type: string, input: Record<string, unknown>, token = env.token) =>
  env.svc.query<Record<N, ChildView>>(token, `mutation($input: ${type}!) { ${name}(input: $input) { ${VIEW} } }`, { input });
const record = (childId: string, code: string, startDate: string) => mutate("recordLegalStatus", "RecordLegalStatusInput", { childId, code, startDate });
const amend = (input: Record<string, unknown>, token = env.token) => mutate("amendLegalStatus", "AmendLegalStatusInput", input, token);
const voidIt = (input: Record<string, unknown>, token = env.token) => mutate("voidLegalStatus", "VoidLegalStatusInput", input, token);
const endCare = (childId: string, endDate: string, reason: string) => mutate("endCare", "EndCareInput", { childId, endDate, reason });

async function eventsFor(childId: string, n: number, act: () => Promise<unknown>) {
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("children")]);
  try {
    await act();
    return await eventually(async () => {
      // The domain's own events (what it tells the chronology is tested in chronology-entries.test.ts).
      const mine = listener.events().filter((e) => e.childId === childId && !e.type.startsWith("Chronology"));
      return mine.length >= n ? mine : undefined;
    });
  } finally {
    await listener.stop();
  }
}

describe("legal status dates", () => {
  it("a legal status dated in the future is refused, and nothing is written", async () => {
    const c = await register();
    const r = await record(c.id, "C1", "2026-12-02");
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate", rule: "NOT_IN_FUTURE" });
    expect(await env.svc.service.deps.db.legalStatus.count({ where: { childId: c.id } })).toBe(1);
  });

  it("the status in force today is the latest that began on or before today; an earlier one fills the history in its place", async () => {
    const c = await register("2026-06-01", "V2");
    await record(c.id, "C2", "2026-12-01");
    const r = await record(c.id, "C1", "2026-07-15");
    expect(r.errors).toBeUndefined();
    expect(brief(r.data?.recordLegalStatus)).toEqual(["V2 2026-06-01→2026-07-15", "C1 2026-07-15→2026-12-01", "C2 2026-12-01→"]);
    expect(r.data?.recordLegalStatus.legalStatus?.code).toBe("C2");
    expect(r.data?.recordLegalStatus.lookedAfterSince).toBe("2026-06-01");
  });

  it("a status on the same day as another, or one that changes nothing, is refused", async () => {
    const c = await register("2026-06-01", "V2");
    expect((await record(c.id, "C1", "2026-06-01")).errors?.[0]?.extensions).toMatchObject({ field: "input.startDate", rule: "ONE_STATUS_PER_DAY" });
    expect((await record(c.id, "V2", "2026-07-01")).errors?.[0]?.extensions).toMatchObject({ field: "input.code", rule: "CHANGES_STATUS" });
  });
});

describe("correcting a legal status", () => {
  it("amending the first status's date re-chains the history, moves lookedAfterSince, is audited with the reason, and says so on the bus", async () => {
    const c = await register("2026-06-01", "V2");
    const withC1 = await record(c.id, "C1", "2026-07-15");
    const [first] = withC1.data?.recordLegalStatus.legalStatuses ?? [];
    let answer: ChildView | undefined;
    const events = await eventsFor(c.id, 5, async () => {
      const r = await amend({ id: first!.id, code: "L2", startDate: "2026-05-29", reason: "date keyed wrongly: EPO granted Friday 29 May" });
      expect(r.errors).toBeUndefined();
      answer = r.data?.amendLegalStatus;
    });
    expect(brief(answer)).toEqual(["L2 2026-05-29→2026-07-15", "C1 2026-07-15→"]);
    expect(answer?.lookedAfterSince).toBe("2026-05-29");
    const types = events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(["LegalStatusAmended", "ChildBecameLookedAfter"]);
    expect(events.at(-2)?.payload).toEqual({ legalStatusId: first!.id, code: "L2", startDate: "2026-05-29", endDate: "2026-07-15" });
    expect(events.at(-1)?.payload).toEqual({ date: "2026-05-29", legalStatus: "L2", corrected: true });
    const audit = await env.svc.service.deps.db.$queryRawUnsafe<{ details: { reason: string } }[]>(
      `SELECT details FROM children.audit_entry WHERE action = 'child.legal_status_amended' AND entity_id = $1`,
      first!.id,
    );
    expect(audit[0]?.details.reason).toMatch(/keyed wrongly/);
  });

  it("amending a later status's code does not restart the looked-after clock", async () => {
    const c = await register("2026-06-01", "V2");
    const s = (await record(c.id, "C1", "2026-07-15")).data?.recordLegalStatus.legalStatuses[1];
    const events = await eventsFor(c.id, 4, async () => {
      expect((await amend({ id: s!.id, code: "C2", startDate: "2026-07-15", reason: "interim order was a full order" })).errors).toBeUndefined();
    });
    expect(events.map((e) => e.type).at(-1)).toBe("LegalStatusAmended");
    expect(events.some((e) => e.type === "ChildBecameLookedAfter" && (e.payload as { corrected?: boolean }).corrected)).toBe(false);
  });

  it("voiding a status keeps it on record but out of the history; the one before runs on", async () => {
    const c = await register("2026-06-01", "V2");
    const wrong = (await record(c.id, "C1", "2026-07-15")).data?.recordLegalStatus.legalStatuses[1];
    const events = await eventsFor(c.id, 4, async () => {
      const r = await voidIt({ id: wrong!.id, reason: "recorded on the wrong child" });
      expect(brief(r.data?.voidLegalStatus)).toEqual(["V2 2026-06-01→"]);
    });
    expect(events.at(-1)).toMatchObject({ type: "LegalStatusVoided", payload: { legalStatusId: wrong!.id } });
    const row = await env.svc.service.deps.db.legalStatus.findUnique({ where: { id: wrong!.id } });
    expect(row).toMatchObject({ voidReason: "recorded on the wrong child" });
    expect(row?.voidedAt).not.toBeNull();
    expect((await voidIt({ id: wrong!.id, reason: "again" })).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
  });

  it("corrections need a reason, the right role, and keep the chain: the only status of a period of care cannot be voided", async () => {
    const c = await register("2026-06-01", "V2");
    const [only] = c.legalStatuses;
    expect((await amend({ id: only!.id, code: "C1", startDate: "2026-06-01", reason: "  " })).errors?.[0]?.extensions).toMatchObject({ field: "input.reason", rule: "REQUIRED" });
    expect((await voidIt({ id: only!.id, reason: "mistake" })).errors?.[0]?.extensions).toMatchObject({ field: "input.id", rule: "ONLY_LEGAL_STATUS" });
    expect((await amend({ id: only!.id, code: "C1", startDate: "2026-12-24", reason: "x" })).errors?.[0]?.extensions).toMatchObject({ rule: "NOT_IN_FUTURE" });
    const iro = await env.keys.token({ roles: ["IRO"] });
    expect((await amend({ id: only!.id, code: "C1", startDate: "2026-06-01", reason: "x" }, iro)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"], userId: "test-team-manager" });
    const r = await amend({ id: only!.id, code: "C1", startDate: "2026-06-01", reason: "it was an interim care order" }, manager);
    expect(r.data?.amendLegalStatus.legalStatus?.code).toBe("C1");
  });
});

describe("leaving care and coming back", () => {
  it("endCare ends the status in force that day, the child is no longer looked after, the history stays; a later status brings the child back", async () => {
    const c = await register("2026-03-31", "V2");
    await record(c.id, "C2", "2026-04-06");
    let ended: ChildView | undefined;
    const out = await eventsFor(c.id, 4, async () => {
      const r = await endCare(c.id, "2026-08-31", "E4A");
      expect(r.errors).toBeUndefined();
      ended = r.data?.endCare;
    });
    expect(out.at(-1)).toMatchObject({ type: "ChildCeasedLookedAfter", payload: { endDate: "2026-08-31", reason: "E4A" } });
    expect(ended?.lookedAfterSince).toBeNull();
    expect(ended?.legalStatus).toBeNull();
    expect(brief(ended)).toEqual(["V2 2026-03-31→2026-04-06", "C2 2026-04-06→2026-08-31 E4A"]);

    let back: ChildView | undefined;
    const again = await eventsFor(c.id, 6, async () => {
      back = (await record(c.id, "V2", "2026-10-03")).data?.recordLegalStatus;
    });
    expect(again.slice(-2).map((e) => e.type)).toEqual(["LegalStatusChanged", "ChildBecameLookedAfter"]);
    expect(again.at(-1)?.payload).toEqual({ date: "2026-10-03", legalStatus: "V2" });
    expect(back?.lookedAfterSince).toBe("2026-10-03");
    expect(back?.legalStatus?.code).toBe("V2");
    expect(brief(back)).toEqual(["V2 2026-03-31→2026-04-06", "C2 2026-04-06→2026-08-31 E4A", "V2 2026-10-03→"]);
  });

  it.each([
    ["2026-04-05", "E13", "input.endDate", "NOT_BEFORE_CURRENT_STATUS"],
    ["2026-12-02", "E13", "input.endDate", "NOT_IN_FUTURE"],
    ["2026-09-01", "X1", "input.reason", "NOT_LEAVING_CARE"],
  ])("ending care on %s (%s) is refused naming %s, rule %s, and nothing is written", async (endDate, reason, field, rule) => {
    const c = await register("2026-04-06", "C2");
    const r = await endCare(c.id, endDate, reason);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    const row = await env.svc.service.deps.db.child.findUnique({ where: { id: c.id } });
    expect(row?.lookedAfterSince).not.toBeNull();
  });

  it("a child who is not looked after cannot leave care", async () => {
    const c = await register(null, null);
    expect((await endCare(c.id, "2026-11-01", "E8")).errors?.[0]?.extensions).toMatchObject({ field: "input.childId", rule: "NOT_LOOKED_AFTER" });
  });
});

describe("allocating workers", () => {
  type Allocation = { id: string; workerId: string; role: string; from: string; to: string | null };
  const ALLOCATE = `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id workerId role from to } }`;
  // Allocating decides who else sees the child, so it is the team manager's (access matrix, issue 9).
  const allocate = async (input: Record<string, unknown>) =>
    env.svc.query<{ allocateWorker: Allocation }>(await env.keys.token({ roles: ["TEAM_MANAGER"] }), ALLOCATE, { input });
  const READ = `query($id: ID!) { child(id: $id) { allocations { workerId role from to } currentAllocations { workerId role } allocatedSocialWorker { workerId from } } }`;

  it("a new allocation for a role ends the current one on the day it starts; history kept, one current per role; published", async () => {
    const c = await register();
    const first = await allocate({ childId: c.id, workerId: "sw-ada", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-06-01" });
    expect(first.data?.allocateWorker).toMatchObject({ workerId: "sw-ada", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-06-01", to: null });
    await allocate({ childId: c.id, workerId: "iro-bea", role: "IRO", from: "2026-06-03" });
    let second: Allocation | undefined;
    const events = await eventsFor(c.id, 5, async () => {
      second = (await allocate({ childId: c.id, workerId: "sw-cy", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-08-31" })).data?.allocateWorker;
    });
    expect(events.at(-1)).toMatchObject({
      type: "WorkerAllocated",
      payload: { allocationId: second?.id, workerId: "sw-cy", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-08-31", previousWorkerId: "sw-ada" },
    });
    const r = await env.svc.query<{ child: { allocations: Allocation[]; currentAllocations: Allocation[]; allocatedSocialWorker: Allocation } }>(env.token, READ, { id: c.id });
    expect(r.data?.child.allocations).toEqual([
      { workerId: "sw-ada", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-06-01", to: "2026-08-31" },
      { workerId: "sw-cy", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-08-31", to: null },
      { workerId: "iro-bea", role: "IRO", from: "2026-06-03", to: null },
    ]);
    expect(r.data?.child.currentAllocations.map((a) => a.workerId)).toEqual(["sw-cy", "iro-bea"]);
    expect(r.data?.child.allocatedSocialWorker).toEqual({ workerId: "sw-cy", from: "2026-08-31" });
  });

  it.each([
    [{ from: "2026-12-02" }, "input.from", "NOT_IN_FUTURE"],
    [{ from: "2014-02-28" }, "input.from", "NOT_BEFORE_BIRTH"],
    [{ from: "2026-05-31" }, "input.from", "NOT_BEFORE_CURRENT_ALLOCATION"],
    [{ workerId: "sw-ada" }, "input.workerId", "ALREADY_ALLOCATED"],
  ])("%j is refused naming %s, rule %s, and writes nothing", async (bad, field, rule) => {
    const c = await register();
    await allocate({ childId: c.id, workerId: "sw-ada", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-06-01" });
    const r = await allocate({ childId: c.id, workerId: "sw-dan", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-07-01", ...bad });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(await env.svc.service.deps.db.allocation.count({ where: { childId: c.id } })).toBe(1);
  });

  it("children on a page each show their own allocations (one DataLoader batch per page)", async () => {
    const a = await register();
    const b = await register();
    for (const c of [a, b]) await allocate({ childId: c.id, workerId: "pa-eve", role: "PERSONAL_ADVISER", from: "2026-11-30" });
    const r = await env.svc.query<{ children: { edges: { node: { allocations: Allocation[] } }[] } }>(
      env.token,
      `{ children(search: { name: "carewell" }, first: 100) { edges { node { allocations { workerId } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.children.edges.filter((e) => e.node.allocations.some((x) => x.workerId === "pa-eve"))).toHaveLength(2);
  });
});
