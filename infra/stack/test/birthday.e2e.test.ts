import { now } from "@caregraph/platform/clock";
import { eventually } from "@caregraph/platform/testing";
import { Client } from "pg";
import { graphqlOk } from "../src/client";
import { useStack } from "./use-stack";

/**
 * A 16th birthday passes with no one touching the record: the whole stack's clock is set to
 * 45 seconds before midnight on 18 Dec 2026 (GMT, so England's midnight is 00:00Z) and runs on; the
 * leaving-care daily check (every second here) notices the birthday, the status moves and the
 * needs assessment reaches the work tray.
 */
const MIDNIGHT = Date.parse("2026-12-19T00:00:00Z");
let token: string;
let retained: string; // a child whose record is due to be erased at the same midnight
let heldBefore: string[] = [];

const e2e = useStack("e2ebirthday", {
  clock: "2026-12-18T23:59:15Z", // 45 s for the stack to start and the child to be registered
  // Retention: E09000029 keeps records 10 years from birth (so a child can reach it in a test); checked every second.
  env: { LEAVING_CARE_CHECK_INTERVAL_MS: "1000", RETENTION_YEARS: "75,E09000029=10", RETENTION_CHECK_INTERVAL_MS: "1000" },
});

beforeAll(async () => {
  token = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
  const other = await e2e.keys.token({ tenant: "E09000029", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
  const { registerChild } = await graphqlOk<{ registerChild: { id: string } }>(e2e.stack.gatewayUrl, other, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Ada", lastName: "Eraseworth", dateOfBirth: "2016-12-19", sex: "FEMALE", lookedAfterSince: "2026-03-02", legalStatus: "C2" },
  });
  retained = registerChild.id;
  await graphqlOk(e2e.stack.gatewayUrl, other, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
    input: { childId: retained, type: "U4", startDate: "2026-03-02", provider: "PR1" },
  });
  // Held across the domains before midnight.
  heldBefore = await eventually(async () => {
    const r = await rowsAbout(retained);
    return r.where.some((w) => w.startsWith("placements.")) && r.where.some((w) => w.startsWith("health.")) ? r.where : undefined;
  }, 20_000);
}, 180_000);

/** Rows about a child in every subgraph's schema (tables with child_id, and each directory's copy). */
async function rowsAbout(childId: string): Promise<{ total: number; where: string[] }> {
  const pg = new Client({ connectionString: e2e.databaseUrl });
  await pg.connect();
  try {
    const tables = await pg.query<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
        WHERE column_name IN ('child_id', 'id') AND table_name NOT IN ('audit_entry', 'erased_child', 'outbox_event', 'processed_event')
          AND (column_name = 'child_id' OR table_name IN ('known_child', 'child')) AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    let total = 0;
    const where: string[] = [];
    for (const t of tables.rows) {
      const r = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t.table_schema}"."${t.table_name}" WHERE "${t.column_name}"::text = $1`, [childId]);
      if (r.rows[0]!.n) where.push(`${t.table_schema}.${t.table_name}`);
      total += r.rows[0]!.n;
    }
    return { total, where };
  } finally {
    await pg.end();
  }
}

const ok = <T>(query: string, variables?: Record<string, unknown>) => graphqlOk<T>(e2e.stack.gatewayUrl, token, query, variables);
type LeavingCare = { status: string; reason: string; needsAssessmentDueDate: string | null };
const leavingCare = async (id: string) =>
  (await ok<{ child: { leavingCare: LeavingCare | null } }>(`query($id: ID!) { child(id: $id) { leavingCare { status reason needsAssessmentDueDate } } }`, { id })).child.leavingCare;
const trayKinds = async (childId: string) =>
  (await ok<{ workTray: { edges: { node: { kind: string; dueDate: string; domain: string } }[] } }>(`query($f: WorkTrayFilter) { workTray(filter: $f, first: 100) { edges { node { kind dueDate domain } } } }`, { f: { childId } })).workTray.edges.map((e) => e.node);

it("the night before a 16th birthday the child is not yet eligible; after midnight the status is ELIGIBLE and the needs assessment is due 3 months on", async () => {
  // In care since 2 Mar 2026: far more than 13 weeks since the 14th birthday (19 Dec 2024).
  const { registerChild } = await ok<{ registerChild: { id: string } }>(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Nell", lastName: "Ashcombe", dateOfBirth: "2010-12-19", sex: "FEMALE", lookedAfterSince: "2026-03-02", legalStatus: "C2" },
  });
  const id = registerChild.id;
  const before = await eventually(async () => leavingCare(id), 20_000);
  expect(now().getTime()).toBeLessThan(MIDNIGHT); // else the stack took too long to start for this test to mean anything
  expect(before).toMatchObject({ status: "NOT_ELIGIBLE", needsAssessmentDueDate: null });
  expect((await trayKinds(id)).map((t) => t.kind)).not.toContain("LeavingCareNeedsAssessment");

  const after = await eventually(async () => {
    const lc = await leavingCare(id);
    return lc?.status === "ELIGIBLE" ? lc : undefined;
  }, 150_000);
  expect(now().getTime()).toBeGreaterThanOrEqual(MIDNIGHT);
  expect(after.needsAssessmentDueDate).toBe("2027-03-19");
  const task = await eventually(async () => (await trayKinds(id)).find((t) => t.kind === "LeavingCareNeedsAssessment"), 20_000);
  expect(task).toMatchObject({ dueDate: "2027-03-19", domain: "leaving-care" });
}, 240_000);

it("retention: a record kept its full term (here 10 years, by tenant setting) is erased at that birthday in every subgraph, and stays erased", async () => {
  expect(heldBefore).toEqual(expect.arrayContaining(["children.child", "placements.placement", "placements.known_child", "health.known_child", "uasc.known_child"]));
  const after = await eventually(async () => {
    const r = await rowsAbout(retained);
    return r.total === 0 ? r : undefined;
  }, 60_000);
  expect(after.where).toEqual([]);
  expect(now().getTime()).toBeGreaterThanOrEqual(MIDNIGHT);
  // A few seconds on, nothing has come back (late events about the child are dropped).
  await new Promise((r) => setTimeout(r, 3000));
  expect((await rowsAbout(retained)).where).toEqual([]);
}, 120_000);
