import { AUDIT_TOPIC, AuditRow, envelope, eventsTopic } from "@caregraph/platform";
import { collect, eventually, publish, testKafka, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

const env = serviceUnderTest(health);
const TENANT = "E09000027";

async function lookedAfterChild(tenant = TENANT) {
  const id = randomUUID();
  const at = { tenant, source: "children", actor: "test" };
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    envelope({ type: "ChildRegistered", childId: id, payload: { dateOfBirth: "2016-03-03", lookedAfterSince: "2026-11-02" } }, at),
    envelope({ type: "ChildBecameLookedAfter", childId: id, payload: { date: "2026-11-02", legalStatus: "C2" } }, at),
  ]);
  // The consumer set the event's tenant before writing (row-level security would refuse otherwise).
  await eventually(async () => ((await env.svc.service.deps.db.healthAssessment.count({ where: { childId: id } })) ? true : undefined));
  return id;
}

const READ = `query HealthCaseload($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthAssessments { id dueDate } } } }`;

describe("audit of reads in an extending subgraph", () => {
  it("an _entities read of several children is one audit entry, and its copy goes to caregraph.audit for the trail", async () => {
    const listener = await collect(testKafka(env.broker.bootstrapServers), [AUDIT_TOPIC]);
    try {
      const ids = [await lookedAfterChild(), await lookedAfterChild()];
      const res = await fetch(env.svc.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${env.token}`, "x-request-id": "req-health-read" },
        body: JSON.stringify({ query: READ, variables: { reps: ids.map((id) => ({ __typename: "Child", id })) } }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      const rows = await eventually(async () => {
        const r = await env.svc.service.deps.db.$queryRawUnsafe<AuditRow[]>(`SELECT * FROM health.audit_entry WHERE request_id = 'req-health-read'`);
        return r.length ? r : undefined;
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "read", operation: "HealthCaseload", role: "SOCIAL_WORKER", tenant: TENANT, fields: ["Child.healthAssessments"] });
      expect([...(rows[0]!.child_ids as string[])].sort()).toEqual([...ids].sort());
      const copy = await eventually(async () => listener.messages.find((m) => m.value.includes("req-health-read")));
      expect(JSON.parse(copy.value)).toMatchObject({ type: "AuditRecorded", tenant: TENANT, source: "health", payload: { service: "health", kind: "read", operation: "HealthCaseload" } });
      expect(copy.value).not.toMatch(/details/);
    } finally {
      await listener.stop();
    }
  });

  it("another tenant's child shows nothing of theirs (null or empty, per the entity-reference rules); an attempt is audited in the caller's tenant only", async () => {
    const foreign = await lookedAfterChild("E08000003"); // has an assessment due in its own tenant
    const res = await fetch(env.svc.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${env.token}`, "x-request-id": "req-health-foreign" },
      body: JSON.stringify({ query: READ, variables: { reps: [{ __typename: "Child", id: foreign }] } }),
    });
    const body = (await res.json()) as { data?: { _entities: ({ healthAssessments: unknown[] } | null)[] } };
    expect(body.data?._entities[0]?.healthAssessments ?? []).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    const rows = await env.svc.service.deps.db.$queryRawUnsafe<AuditRow[]>(`SELECT * FROM health.audit_entry WHERE request_id = 'req-health-foreign'`);
    expect(rows.every((r) => r.tenant === TENANT)).toBe(true);
  });
});
