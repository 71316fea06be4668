import { AuditRow, verifyAuditChain, type SqlRunner } from "@caregraph/platform";
import { eventually, serviceUnderTest } from "@caregraph/platform/testing";
import { children } from "../src/service";

const env = serviceUnderTest(children);

const REGISTER = `mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
let seq = 0;
async function register(tenant?: string) {
  const token = tenant ? await env.keys.token({ tenant }) : env.token;
  const r = await env.svc.query<{ registerChild: { id: string } }>(token, REGISTER, {
    input: { firstName: "Ash", lastName: `Audit-${++seq}`, dateOfBirth: "2014-05-01", sex: "FEMALE", lookedAfterSince: "2026-10-01", legalStatus: "C2" },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}

const db = () => env.svc.service.deps.db;
const readsFor = (requestId: string) =>
  db().$queryRawUnsafe<AuditRow[]>(`SELECT * FROM children.audit_entry WHERE kind = 'read' AND request_id = $1 ORDER BY seq`, requestId);

/** POST with our own request id, so the test can find the request's audit entries. */
async function query(requestId: string, token: string, q: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(env.svc.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
    body: JSON.stringify({ query: q, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function statements(fn: () => Promise<unknown>): Promise<number> {
  const counter = env.svc.service.deps.metrics.dbStatements;
  const before = (await counter.get()).values.reduce((n, v) => n + v.value, 0);
  await fn();
  return (await counter.get()).values.reduce((n, v) => n + v.value, 0) - before;
}

/** The service's own client (the login role) as a runner, for verify. */
const runner = (): SqlRunner => {
  const r: SqlRunner = {
    query: (sql, params) => db().$queryRawUnsafe(sql, ...(params ?? [])),
    exec: async (sql) => void (await db().$executeRawUnsafe(sql)),
    session: (fn) => fn(r),
  };
  return r;
};

describe("audit of reads", () => {
  it("a caseload read is ONE audit entry naming every child, who read, their role, the operation and the fields", async () => {
    const ids = [await register(), await register(), await register()];
    const r = await query("req-caseload-1", env.token, `query Caseload { children(first: 100) { edges { node { id firstName legalStatus { code } } } } }`);
    expect(r.errors).toBeUndefined();
    const rows = await eventually(async () => {
      const found = await readsFor("req-caseload-1");
      if (!found.length) throw new Error("not yet");
      return found;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: "test-social-worker", role: "SOCIAL_WORKER", tenant: "E09000027", operation: "Caseload", action: "child.read", kind: "read" });
    expect(rows[0]!.child_ids).toEqual(expect.arrayContaining(ids));
    expect(rows[0]!.fields).toEqual(expect.arrayContaining(["Child.id", "Child.firstName", "Child.legalStatus"]));
  });

  it("the statements a read costs do not grow with the number of children read (one insert per request)", async () => {
    await register();
    const one = `query One { children(first: 1) { edges { node { id firstName } } } }`;
    const many = `query Many { children(first: 100) { edges { node { id firstName } } } }`;
    // The read entry is written just after the response: give it a moment, without polling (a
    // poll would count statements of its own).
    const settle = () => new Promise((r) => setTimeout(r, 700));
    // The relay (and so the audit collector) would add background statements: pause it.
    const relay = env.svc.service.relay;
    await settle();
    await relay.stop();
    const s1 = await statements(async () => {
      await query("req-one", env.token, one);
      await settle();
    });
    const sMany = await statements(async () => {
      await query("req-many", env.token, many);
      await settle();
    });
    relay.start();
    expect(await readsFor("req-one")).toHaveLength(1);
    expect(await readsFor("req-many")).toHaveLength(1);
    expect(sMany).toBe(s1);
    // Reported in the issue-9 notes: statements per read request, audit included.
    process.stdout.write(`statements per children(...) read, audit included: ${s1}\n`);
    expect((await readsFor("req-many"))[0]!.child_ids).not.toHaveLength(1);
  });

  it("changes name role and operation; another tenant's read is not in this tenant's rows", async () => {
    const id = await register();
    const [change] = await db().$queryRawUnsafe<AuditRow[]>(`SELECT * FROM children.audit_entry WHERE kind = 'change' AND child_id = $1`, id);
    expect(change).toMatchObject({ operation: "Register", role: "SOCIAL_WORKER", action: "child.registered" });
  });
});

describe("append-only and tamper-evident", () => {
  it("the database refuses UPDATE and DELETE on audit entries, even from the platform's own role", async () => {
    await register();
    await expect(db().$executeRawUnsafe(`UPDATE children.audit_entry SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM children.audit_entry`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE children.audit_entry`)).rejects.toThrow(/append-only/);
  });

  it("verify walks the chain; a row edited by a superuser bypassing the trigger is reported at its seq", async () => {
    await register();
    expect(await verifyAuditChain(runner(), "children")).toMatchObject({ schema: "children", broken: null });
    const [victim] = await db().$queryRawUnsafe<{ seq: string }[]>(`SELECT seq::text AS seq FROM children.audit_entry ORDER BY seq LIMIT 1 OFFSET 1`);
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`); // superuser only: triggers off
      await tx.$executeRawUnsafe(`UPDATE children.audit_entry SET actor = 'covering-tracks' WHERE seq = $1::bigint`, victim!.seq);
    });
    expect(await verifyAuditChain(runner(), "children")).toMatchObject({ broken: { seq: victim!.seq, reason: expect.stringMatching(/edited/) } });
  });
});

describe("Query.auditTrail", () => {
  it("team managers see the child's reads and changes, newest last; social workers may not", async () => {
    const id = await register();
    await query("req-trail-read", env.token, `query ReadOne($id: ID!) { child(id: $id) { id lastName } }`, { id });
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"], userId: "test-team-manager" });
    const TRAIL = `query Trail($id: ID!) { auditTrail(childId: $id) { at actor role operation requestId kind action service childIds fields seq hash } }`;
    const trail = await eventually(async () => {
      const r = await query("req-trail", manager, TRAIL, { id });
      const entries = (r.data?.auditTrail ?? []) as { kind: string; requestId: string; at: string }[];
      if (!entries.some((e) => e.requestId === "req-trail-read")) throw new Error(`not yet: ${JSON.stringify(r)}`);
      return entries;
    });
    expect(trail[0]).toMatchObject({ kind: "change", action: "child.registered", actor: "test-social-worker", role: "SOCIAL_WORKER", operation: "Register", service: "children" });
    expect(trail.find((e) => e.requestId === "req-trail-read")).toMatchObject({ kind: "read", operation: "ReadOne", fields: expect.arrayContaining(["Child.lastName"]) });
    const times = trail.map((e) => e.at);
    expect([...times].sort()).toEqual(times);

    // An auditor reads the trail, and nothing else.
    const auditor = await env.keys.token({ roles: ["AUDITOR"], userId: "test-auditor" });
    const audited = await query("req-trail-auditor", auditor, TRAIL, { id });
    expect((audited.data?.auditTrail as unknown[]).length).toBeGreaterThan(0);
    const childRead = await query("req-auditor-child", auditor, `query($id: ID!) { child(id: $id) { id lastName } }`, { id });
    expect(childRead.data?.child ?? null).toBeNull();
    expect(JSON.stringify(childRead.errors)).toMatch(/FORBIDDEN/);

    const refused = await query("req-trail-sw", env.token, TRAIL, { id });
    expect(refused.data?.auditTrail ?? null).toBeNull();
    expect(JSON.stringify(refused.errors)).toMatch(/FORBIDDEN|Not Authorised/i);

    // Another tenant's manager sees nothing of it.
    const elsewhere = await env.keys.token({ roles: ["TEAM_MANAGER"], tenant: "E08000003" });
    expect((await query("req-trail-other", elsewhere, TRAIL, { id })).data?.auditTrail).toEqual([]);
  });
});
