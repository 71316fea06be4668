import { eventsTopic, retainedUntil, retentionYears } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { collect, eventually, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { runRetentionCheck } from "../src/retention";
import { children } from "../src/service";

/** Issue 11: records kept until the 75th birthday (per tenant), then erased by a job, audited, honoured everywhere. */
const env = serviceUnderTest(children);
const as = roleTokens(env);
const TENANT = "E09000027";

afterAll(() => setClock(null));

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
async function register(dateOfBirth: string, lookedAfterSince: string): Promise<string> {
  const r = await env.svc.query<{ registerChild: { id: string } }>(await as("SOCIAL_WORKER"), REGISTER, {
    input: { firstName: "Ret", lastName: `Ention-${randomUUID().slice(0, 8)}`, dateOfBirth, sex: "MALE", lookedAfterSince, legalStatus: "C2" },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}
const child = async (id: string) =>
  (await env.svc.query<{ child: { id: string } | null }>(await as("TEAM_MANAGER"), `query($id: ID!) { child(id: $id) { id } }`, { id })).data?.child ?? null;

describe("the retention rule (one function per tenant)", () => {
  it("75 years by default; RETENTION_YEARS sets a default and tenant overrides; a bad value names the variable", () => {
    expect(retentionYears(TENANT, {})).toBe(75);
    expect(retentionYears(TENANT, { RETENTION_YEARS: "80" })).toBe(80);
    expect(retentionYears(TENANT, { RETENTION_YEARS: "75,E09000027=90" })).toBe(90);
    expect(retentionYears("E08000025", { RETENTION_YEARS: "75,E09000027=90" })).toBe(75);
    expect(() => retentionYears(TENANT, { RETENTION_YEARS: "forever" })).toThrow(/RETENTION_YEARS/);
    // Born 29 Feb: the 75th birthday falls in a common year, on 1 March.
    expect(retainedUntil(TENANT, "1952-02-29", {})).toBe("2027-03-01");
  });
});

describe("the retention job", () => {
  it("erases a child on the 75th birthday, not the day before; audits it; publishes ChildRecordErased once", async () => {
    setClock("1965-06-01T10:00:00Z"); // recorded when he was in care, aged 13
    const old = await register("1951-12-02", "1965-01-04"); // 75 on 2 Dec 2026
    setClock("2026-12-01T10:00:00Z");
    const young = await register("2010-12-02", "2026-01-05");
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("children")]);
    try {
      await runRetentionCheck(env.svc.service.deps);
      expect(await child(old)).not.toBeNull(); // the day before the 75th birthday
      setClock("2026-12-02T08:00:00Z");
      const [a, b] = await Promise.all([runRetentionCheck(env.svc.service.deps), runRetentionCheck(env.svc.service.deps)]);
      expect(a + b).toBe(1); // two replicas at once: erased once
      expect(await child(old)).toBeNull();
      expect(await child(young)).not.toBeNull();
      const erased = await eventually(async () => listener.events().find((e) => e.childId === old && e.type === "ChildRecordErased"));
      expect(erased.payload).toEqual({ retainedUntil: "2026-12-02" });
      expect(erased.actor).toBe("system:retention");
      // Nothing of the child is left in the children schema but the audit chain (ids, no content).
      for (const table of ["child", "legal_status", "allocation", "chronology_entry"]) {
        const column = table === "child" ? "id" : "child_id";
        const rows = await env.svc.service.deps.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.${table} WHERE ${column} = $1::uuid`, old);
        expect([table, rows[0]?.n]).toEqual([table, 0]);
      }
      const audit = await env.svc.service.deps.db.$queryRawUnsafe<{ action: string; actor: string }[]>(
        `SELECT action, actor FROM children.audit_entry WHERE child_id = $1 AND action = 'child.erased'`,
        old,
      );
      expect(audit).toEqual([{ action: "child.erased", actor: "system:retention" }]);
    } finally {
      await listener.stop();
    }
  });
});
