import { eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { collect, eventually, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { children } from "../src/service";

/** Issue 12: mergeChildren / unmergeChildren — two records of one child become one, and back within 30 days. */
const env = serviceUnderTest(children);
const as = roleTokens(env);
const TENANT = "E09000027";

afterAll(() => setClock(null));

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
const MERGE = `mutation($input: MergeChildrenInput!) { mergeChildren(input: $input) { id lookedAfterSince legalStatuses { code startDate } mergedFrom { id mergedBy reason unmergeableUntil } } }`;
const UNMERGE = `mutation($input: UnmergeChildrenInput!) { unmergeChildren(input: $input) { id mergedFrom { id } } }`;
const CHILD = `query($id: ID!) { child(id: $id) { id firstName allocations { workerId role } informationSharingAgreements { partner } } }`;

async function register(input: Record<string, unknown> = {}, tenant = TENANT): Promise<string> {
  const r = await env.svc.query<{ registerChild: { id: string } }>(await as("SOCIAL_WORKER", { tenant }), REGISTER, {
    input: { firstName: "Pip", lastName: `Pirrip-${randomUUID().slice(0, 6)}`, dateOfBirth: "2013-04-09", sex: "MALE", confirmedNotDuplicate: true, ...input },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}
const merge = async (input: Record<string, unknown>, role: Parameters<typeof as>[0] = "TEAM_MANAGER") =>
  env.svc.query<{ mergeChildren: { id: string; lookedAfterSince: string | null; legalStatuses: { code: string }[]; mergedFrom: { id: string; mergedBy: string; reason: string; unmergeableUntil: string }[] } }>(
    await as(role, { userId: "tm-1" }),
    MERGE,
    { input: { reason: "same NHS number; one record made by the out-of-hours team", ...input } },
  );
const unmerge = async (mergeId: string, reason = "not the same child after all") =>
  env.svc.query<{ unmergeChildren: { id: string; mergedFrom: { id: string }[] } }>(await as("TEAM_MANAGER"), UNMERGE, { input: { mergeId, reason } });
const read = async (id: string) =>
  (await env.svc.query<{ child: { id: string; firstName: string; allocations: { workerId: string }[]; informationSharingAgreements: { partner: string }[] } | null }>(await as("TEAM_MANAGER"), CHILD, { id })).data?.child ?? null;
const db = () => env.svc.service.deps.db;

describe("mergeChildren", () => {
  it("moves the merged record's rows to the kept child; the merged id answers as the kept child; lists and duplicates leave it out; audited on both; one event", async () => {
    setClock("2026-12-01T10:00:00Z");
    const keep = await register({ firstName: "Philip" });
    const dup = await register({ firstName: "Pip", lookedAfterSince: "2026-11-02", legalStatus: "C1" });
    const tm = await as("TEAM_MANAGER");
    const alloc = await env.svc.query(tm, `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, {
      input: { childId: dup, workerId: "sw-77", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-11-03" },
    });
    expect(alloc.errors).toBeUndefined();
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("children")]);
    try {
      const r = await merge({ keepId: keep, mergeId: dup.toUpperCase() });
      expect(r.errors).toBeUndefined();
      // The kept child had no legal status history: it takes the merged record's, and its period of care.
      expect(r.data?.mergeChildren).toMatchObject({
        id: keep,
        lookedAfterSince: "2026-11-02",
        legalStatuses: [{ code: "C1", startDate: "2026-11-02" }],
        mergedFrom: [{ id: dup, mergedBy: "tm-1", reason: "same NHS number; one record made by the out-of-hours team", unmergeableUntil: "2026-12-31" }],
      });
      // The merged id answers as the kept child, with the moved allocation.
      expect(await read(dup)).toMatchObject({ id: keep, firstName: "Philip", allocations: [{ workerId: "sw-77" }] });
      // One event, keyed by the merged child, with the kept child's period of care now; the reason stays here.
      const event = await eventually(async () => listener.events().find((e) => e.type === "ChildrenMerged" && e.childId === dup));
      expect(event.payload).toEqual({ keepId: keep, mergeId: dup, mergeEventId: expect.any(String), keptLookedAfterSince: "2026-11-02" });
      expect(listener.messages.find((m) => m.value.includes('"ChildrenMerged"'))?.key).toBe(dup);
      // Audited on both children.
      const audit = await db().$queryRawUnsafe<{ action: string; child_id: string }[]>(
        `SELECT action, child_id FROM children.audit_entry WHERE entity_id = $1 AND action LIKE 'child.merge%' ORDER BY action`,
        dup,
      );
      expect(audit).toEqual([
        { action: "child.merged", child_id: keep },
        { action: "child.merged_into", child_id: dup },
      ]);
      // The service's own consumer finds the merge applied: nothing moves twice.
      await eventually(async () => {
        const n = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.processed_event WHERE event_id = $1::uuid`, event.id);
        return n[0]?.n === 1 || undefined;
      });
      const merges = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.child_merge WHERE merge_id = $1::uuid`, dup);
      expect(merges).toEqual([{ n: 1 }]);
    } finally {
      await listener.stop();
    }
    // Lists and duplicate checks no longer show the merged record.
    const list = await env.svc.query<{ children: { edges: { node: { id: string } }[] } }>(tm, `query { children(first: 100) { edges { node { id } } } }`);
    expect(list.data?.children.edges.map((e) => e.node.id)).toContain(keep);
    expect(list.data?.children.edges.map((e) => e.node.id)).not.toContain(dup);
    const dups = await env.svc.query<{ possibleDuplicates: { child: { id: string } }[] }>(tm, `query($id: ID!) { possibleDuplicates(childId: $id) { child { id } } }`, { id: keep });
    expect(dups.data?.possibleDuplicates.map((c) => c.child.id)).not.toContain(dup);
    // A write naming the merged id is a write to the kept child.
    const later = await env.svc.query<{ allocateWorker: { childId?: string } }>(tm, `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, {
      input: { childId: dup, workerId: "iro-5", role: "IRO", from: "2026-12-01" },
    });
    expect(later.errors).toBeUndefined();
    const rows = await db().allocation.findMany({ where: { workerId: "iro-5" } });
    expect(rows.map((a) => a.childId)).toEqual([keep]);
  });

  it("the kept record's legal status history wins whole when it has one; the merged record's stays with it", async () => {
    const keep = await register({ lookedAfterSince: "2026-10-01", legalStatus: "V2" });
    const dup = await register({ lookedAfterSince: "2026-11-02", legalStatus: "C1" });
    const r = await merge({ keepId: keep, mergeId: dup });
    expect(r.data?.mergeChildren).toMatchObject({ lookedAfterSince: "2026-10-01", legalStatuses: [{ code: "V2" }] });
    expect((await db().legalStatus.findMany({ where: { childId: dup } })).map((s) => s.code)).toEqual(["C1"]);
  });

  it("two merges of one duplicate at once: one wins, the other is refused (ALREADY_MERGED); the registration check no longer finds the merged record", async () => {
    const [a, b, dup] = [await register(), await register(), await register({ firstName: "Twice", lastName: "Recorded", dateOfBirth: "2012-02-02" })];
    const results = await Promise.all([merge({ keepId: a, mergeId: dup }), merge({ keepId: b, mergeId: dup })]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.rule)).toEqual(["ALREADY_MERGED"]);
    expect(await db().child.count({ where: { id: dup, mergedInto: { not: null } } })).toBe(1);
    const again = await env.svc.query(await as("SOCIAL_WORKER"), REGISTER, { input: { firstName: "Twice", lastName: "Recorded", dateOfBirth: "2012-02-02", sex: "MALE" } });
    expect(again.errors).toBeUndefined();
  });

  it("only team managers merge", async () => {
    const [a, b] = [await register(), await register()];
    for (const role of ["SOCIAL_WORKER", "IRO", "AUDITOR"] as const) {
      const r = await merge({ keepId: a, mergeId: b }, role);
      expect([role, r.errors?.[0]?.extensions?.code]).toEqual([role, "FORBIDDEN"]);
    }
  });

  it.each([
    ["the same child twice", "same", "input.mergeId", "SAME_CHILD"],
    ["a blank reason", "blank", "input.reason", "REQUIRED"],
    ["an archived merged record", "archived", "input.mergeId", "CHILD_ARCHIVED"],
    ["a record already merged", "merged", "input.mergeId", "ALREADY_MERGED"],
    ["keeping a record already merged", "keepMerged", "input.keepId", "ALREADY_MERGED"],
    ["merging a record others were merged into", "hasMerged", "input.mergeId", "HAS_MERGED_RECORDS"],
  ])("refuses %s (case %s) naming %s, rule %s, and changes nothing", async (_what, kind, field, rule) => {
    const [a, b, c] = [await register(), await register(), await register()];
    let input: Record<string, unknown> = { keepId: a, mergeId: b };
    if (kind === "same") input = { keepId: a, mergeId: a.toUpperCase() };
    if (kind === "blank") input = { keepId: a, mergeId: b, reason: "   " };
    if (kind === "archived") await env.svc.query(await as("TEAM_MANAGER"), `mutation($id: ID!) { archiveChild(id: $id) { id } }`, { id: b });
    if (kind === "merged" || kind === "keepMerged" || kind === "hasMerged") expect((await merge({ keepId: c, mergeId: kind === "hasMerged" ? a : b })).errors).toBeUndefined();
    if (kind === "keepMerged") input = { keepId: b, mergeId: a };
    if (kind === "hasMerged") input = { keepId: b, mergeId: c };
    const before = await db().child.count({ where: { mergedInto: { not: null } } });
    const r = await merge(input);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(await db().child.count({ where: { mergedInto: { not: null } } })).toBe(before);
  });

  it("another local authority's record, or no record, is NOT_FOUND naming the field", async () => {
    const mine = await register();
    const theirs = await register({}, "E08000025");
    expect((await merge({ keepId: mine, mergeId: theirs })).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.mergeId" });
    expect((await merge({ keepId: randomUUID(), mergeId: mine })).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.keepId" });
  });
});

describe("the audit trail of a merged child", () => {
  it("is one trail: the kept child's holds the merged record's entries (childIds say which), the merged id answers with it; after an unmerge each has its own again", async () => {
    setClock("2026-12-01T10:00:00Z");
    const keep = await register();
    const dup = await register();
    const TRAIL = `query($id: ID!) { auditTrail(childId: $id) { action childIds } }`;
    const trail = async (id: string) => ((await env.svc.query<{ auditTrail: { action: string; childIds: string[] }[] }>(await as("TEAM_MANAGER"), TRAIL, { id })).data?.auditTrail ?? []);
    const registeredOf = (entries: { action: string; childIds: string[] }[]) =>
      entries.filter((e) => e.action === "child.registered").map((e) => e.childIds[0]).sort();
    expect((await merge({ keepId: keep, mergeId: dup })).errors).toBeUndefined();
    // The trail is collected from every entry's event (each keyed by its child): wait for all three.
    const merged = await eventually(async () => {
      const entries = await trail(keep);
      return entries.some((e) => e.action === "child.merged_into") && registeredOf(entries).length === 2 ? entries : undefined;
    });
    expect(registeredOf(merged)).toEqual([keep, dup].sort());
    expect(registeredOf(await trail(dup))).toEqual([keep, dup].sort()); // (reading a trail is audited too: compare what it holds, not its length)

    expect((await unmerge(dup)).errors).toBeUndefined();
    await eventually(async () => (await trail(dup)).some((e) => e.action === "child.unmerged") || undefined);
    expect(registeredOf(await trail(keep))).toEqual([keep]);
    expect(registeredOf(await trail(dup))).toEqual([dup]);
  });
});

describe("unmergeChildren", () => {
  it("within 30 days (platform clock) puts back exactly what the merge moved; what was recorded for the kept child since stays", async () => {
    setClock("2026-12-01T10:00:00Z");
    const keep = await register();
    const dup = await register();
    const tm = await as("TEAM_MANAGER");
    const allocate = (childId: string, workerId: string) =>
      env.svc.query(tm, `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, { input: { childId, workerId, role: "ALLOCATED_SOCIAL_WORKER", from: "2026-11-20" } });
    await allocate(dup, "sw-before");
    expect((await merge({ keepId: keep, mergeId: dup })).errors).toBeUndefined();
    await env.svc.query(tm, `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, {
      input: { childId: keep, workerId: "iro-after", role: "IRO", from: "2026-12-01" },
    });

    setClock("2026-12-31T23:30:00Z"); // the 30th day after the merge, still open
    const r = await unmerge(dup.toUpperCase());
    expect(r.errors).toBeUndefined();
    expect(r.data?.unmergeChildren).toEqual({ id: dup, mergedFrom: [] });
    expect(await read(dup)).toMatchObject({ id: dup, allocations: [{ workerId: "sw-before" }] });
    expect(await read(keep)).toMatchObject({ id: keep, allocations: [{ workerId: "iro-after" }] });
    const audit = await db().$queryRawUnsafe<{ action: string; child_id: string }[]>(
      `SELECT action, child_id FROM children.audit_entry WHERE entity_id = $1 AND action LIKE 'child.unmerge%' ORDER BY action`,
      dup,
    );
    expect(audit).toEqual([
      { action: "child.unmerged", child_id: dup },
      { action: "child.unmerged_from", child_id: keep },
    ]);
    // Not merged any more: a second unmerge is refused; the record can be merged again.
    expect((await unmerge(dup)).errors?.[0]?.extensions).toMatchObject({ field: "input.mergeId", rule: "NOT_MERGED" });
  });

  it("after 30 days is refused with UNMERGE_WINDOW_PASSED naming the day it closed", async () => {
    setClock("2026-12-01T10:00:00Z");
    const keep = await register();
    const dup = await register();
    expect((await merge({ keepId: keep, mergeId: dup })).errors).toBeUndefined();
    setClock("2027-01-01T00:30:00Z");
    const r = await unmerge(dup);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.mergeId", rule: "UNMERGE_WINDOW_PASSED" });
    expect(r.errors?.[0]?.message).toContain("until 2026-12-31");
    expect((await read(dup))?.id).toBe(keep);
  });

  it("publishes ChildrenUnmerged keyed by the merged child, with the merge's id and the kept child's period of care given back", async () => {
    setClock("2026-12-01T10:00:00Z");
    const keep = await register();
    const dup = await register({ lookedAfterSince: "2026-11-02", legalStatus: "C1" });
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("children")]);
    try {
      expect((await merge({ keepId: keep, mergeId: dup })).errors).toBeUndefined();
      expect((await unmerge(dup)).errors).toBeUndefined();
      const events = await eventually(async () => {
        const mine = listener.events().filter((e) => e.childId === dup && e.type.startsWith("Children"));
        return mine.length === 2 ? mine : undefined;
      });
      expect(events.map((e) => e.type)).toEqual(["ChildrenMerged", "ChildrenUnmerged"]);
      const ids = { keepId: keep, mergeId: dup, mergeEventId: expect.any(String) };
      expect(events[0]?.payload).toEqual({ ...ids, keptLookedAfterSince: "2026-11-02" });
      expect(events[1]?.payload).toEqual({ ...ids, mergeEventId: (events[0]?.payload as { mergeEventId: string }).mergeEventId, keptLookedAfterSince: null });
    } finally {
      await listener.stop();
    }
  });
});
