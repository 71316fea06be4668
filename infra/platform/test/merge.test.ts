import { randomUUID } from "node:crypto";
import { Pool } from "pg";
import { childDirectory } from "../src/child-directory";
import type { RawSql } from "../src/db-types";
import { applyMigrations } from "../src/db/migrations-apply";
import { PLATFORM_MIGRATIONS } from "../src/db/platform-tables";
import { pgRunner } from "../src/db/runner";
import { applyTenantIsolation, SET_TENANT_SQL } from "../src/db/tenant-isolation";
import { createTestDatabase, type TestDatabase } from "../src/db/testing";
import { mergeChild, unmergeChild } from "../src/merge";

jest.setTimeout(60_000);

/** Issue 12: mergeChild / unmergeChild on a service schema with the shapes the domains use, on real Postgres under RLS. */
// Named like a domain, so the directory applies that domain's scopes (residential staff read placements).
const SCHEMA = "placements";
const A = "E09000027";
const B = "E08000003";
let testDb: TestDatabase;
let pool: Pool;

/** One transaction as a tenant (role caregraph_app, row-level security on), as the consumer runs handlers. */
async function asTenant<T>(fn: (tx: RawSql) => Promise<T>, tenant = A): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(SET_TENANT_SQL, [tenant]);
    const tx: RawSql = {
      $queryRawUnsafe: async <R>(sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows as R,
      $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0,
    };
    const result = await fn(tx);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    client.release();
  }
}
const rows = (sql: string, ...values: unknown[]) => pool.query(sql.replace(/\bS\./g, `${SCHEMA}.`), values).then((r) => r.rows);

beforeAll(async () => {
  testDb = await createTestDatabase("merge");
  pool = new Pool({ connectionString: testDb.url });
  const runner = pgRunner(pool);
  await runner.exec(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await applyMigrations(runner, { schema: SCHEMA, migrationsDir: PLATFORM_MIGRATIONS, historyTable: "_platform_migrations", log: () => undefined });
  // A domain's tables, as the services shape them.
  await runner.exec(`SET search_path = ${SCHEMA};
    -- One open placement per child (a partial unique index); a visit refers to its placement.
    CREATE TABLE placement (id uuid PRIMARY KEY, tenant text NOT NULL, child_id uuid NOT NULL, urn text, end_date date);
    CREATE UNIQUE INDEX placement_one_open ON placement (child_id) WHERE end_date IS NULL;
    CREATE TABLE visit (id uuid PRIMARY KEY, tenant text NOT NULL, child_id uuid NOT NULL, placement_id uuid NOT NULL REFERENCES placement(id));
    -- One row per child, keyed by the child (leaving-care, uasc, family do this).
    CREATE TABLE care_leaver (child_id uuid PRIMARY KEY, tenant text NOT NULL, status text NOT NULL);
    -- One row per child and term; a serial key.
    CREATE TABLE attendance (id serial PRIMARY KEY, tenant text NOT NULL, child_id uuid NOT NULL, term text NOT NULL, sessions int NOT NULL, UNIQUE (tenant, child_id, term));
    -- A text child_id and a composite key.
    CREATE TABLE remark (tenant text NOT NULL, child_id text NOT NULL, n int NOT NULL, body text NOT NULL, PRIMARY KEY (child_id, n));
    -- Other columns naming a child: a family member linked to a child's own record; sibling links.
    CREATE TABLE relative (id uuid PRIMARY KEY, tenant text NOT NULL, child_id uuid NOT NULL, linked_child_id uuid);
    CREATE TABLE sibling (tenant text NOT NULL, child_id uuid NOT NULL, sibling_child_id uuid NOT NULL, PRIMARY KEY (child_id, sibling_child_id));
    RESET search_path;`);
  await applyTenantIsolation(runner, SCHEMA);
});
afterAll(async () => {
  await pool?.end();
  await testDb?.drop();
});

/** Two records of one child (keep, merge) in tenant A, each with rows in every table. */
async function twoRecords() {
  const keep = randomUUID();
  const merge = randomUUID();
  const ids = { keepOpen: randomUUID(), mergeOpen: randomUUID(), mergeEnded: randomUUID(), v1: randomUUID(), v2: randomUUID() };
  await rows(`INSERT INTO S.known_child (id, tenant, date_of_birth, home_urn) VALUES ($1, $3, '2014-05-01', 'SC111'), ($2, $3, '2014-05-01', 'SC222')`, keep, merge, A);
  await rows(
    `INSERT INTO S.placement VALUES ($1, $6, $4, 'SC111', NULL), ($2, $6, $5, 'SC222', NULL), ($3, $6, $5, 'SC333', '2026-03-01')`,
    ids.keepOpen,
    ids.mergeOpen,
    ids.mergeEnded,
    keep,
    merge,
    A,
  );
  await rows(`INSERT INTO S.visit VALUES ($1, $5, $4, $2), ($3, $5, $4, $6)`, ids.v1, ids.mergeOpen, ids.v2, merge, A, ids.mergeEnded);
  await rows(`INSERT INTO S.care_leaver VALUES ($1, $3, 'KEPT'), ($2, $3, 'MERGED')`, keep, merge, A);
  await rows(`INSERT INTO S.attendance (tenant, child_id, term, sessions) VALUES ($3, $1, '2025-autumn', 10), ($3, $2, '2025-autumn', 99), ($3, $2, '2026-spring', 20)`, keep, merge, A);
  await rows(`INSERT INTO S.remark VALUES ($2, $1, 1, 'first'), ($2, $1, 2, 'second')`, merge, A);
  return { keep, merge, ...ids };
}
const childOf = async (table: string, where: string, ...values: unknown[]) =>
  (await rows(`SELECT child_id::text AS c FROM S.${table} WHERE ${where} ORDER BY 1`, ...values)).map((r) => r.c as string);

describe("mergeChild", () => {
  it("moves the merged child's rows to the kept child; the kept child's one-per-child rows win and the merged child's stay, with what refers to them", async () => {
    const c = await twoRecords();
    const mergeEventId = randomUUID();
    const result = await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: c.keep, mergeId: c.merge, mergeEventId }));

    expect(result.applied).toBe(true);
    // The ended placement moves; the open one stays (the kept child has one open already), and so does its visit.
    expect(result.moved).toEqual({ placement: 1, visit: 1, attendance: 1, remark: 2 });
    expect(await childOf("placement", "id = $1", c.mergeEnded)).toEqual([c.keep]);
    expect(await childOf("placement", "id = $1", c.mergeOpen)).toEqual([c.merge]);
    expect(await childOf("visit", "id = $1", c.v2)).toEqual([c.keep]);
    expect(await childOf("visit", "id = $1", c.v1)).toEqual([c.merge]);
    expect(await rows(`SELECT child_id::text AS c, status FROM S.care_leaver ORDER BY status`)).toEqual(
      expect.arrayContaining([{ c: c.keep, status: "KEPT" }, { c: c.merge, status: "MERGED" }]),
    );
    expect(await rows(`SELECT term, sessions FROM S.attendance WHERE child_id = $1 ORDER BY term`, c.keep)).toEqual([
      { term: "2025-autumn", sessions: 10 },
      { term: "2026-spring", sessions: 20 },
    ]);
    expect(await childOf("remark", "child_id IN ($1, $2)", c.keep, c.merge)).toEqual([c.keep, c.keep]);
    // What stayed is reported.
    expect(result.left.map((l) => l.table).sort()).toEqual(["attendance", "care_leaver", "placement", "visit"]);
    expect(result.left).toContainEqual({ table: "placement", pk: { id: c.mergeOpen } });
    expect(result.left).toContainEqual({ table: "care_leaver", pk: { child_id: c.merge } });
    // Every moved row is remembered (its key as it stands now), with the tenant.
    const recorded = await rows(`SELECT table_name, pk, from_child_id::text AS f, to_child_id::text AS t, tenant FROM S.merged_row WHERE merge_event_id = $1 ORDER BY table_name`, mergeEventId);
    expect(recorded).toHaveLength(5);
    expect(recorded).toContainEqual({ table_name: "remark", pk: { child_id: c.keep, n: 1 }, f: c.merge, t: c.keep, tenant: A });
    expect(recorded).toContainEqual({ table_name: "placement", pk: { id: c.mergeEnded }, f: c.merge, t: c.keep, tenant: A });
  });

  it("the directory answers the merged id as the kept child: loader, visibility (the kept child's scope) and lists", async () => {
    const c = await twoRecords();
    await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: c.keep, mergeId: c.merge, mergeEventId: randomUUID() }));
    const directory = childDirectory(SCHEMA);
    await asTenant(async (tx) => {
      expect((await directory.loader(tx, A).load(c.merge.toUpperCase()))?.id).toBe(c.keep);
      expect(await directory.shownAs(tx, A).load(c.merge)).toBe(c.keep);
      expect(await directory.shownAs(tx, A).load(c.keep)).toBe(c.keep);
      // Scope is the kept child's: residential staff of the merged child's home no longer see it.
      const staff = (home: string) => ({ userId: "rs-1", roles: ["RESIDENTIAL_STAFF" as const], tenant: A, home });
      expect(await directory.visibility(tx, staff("SC222")).load(c.merge)).toBe(false);
      expect(await directory.visibility(tx, staff("SC111")).load(c.merge)).toBe(true);
      expect(await directory.scopedIds(tx, staff("SC222"))).toEqual([]);
      expect((await directory.references(tx, staff("SC111"), 0).load(c.merge))?.id).toBe(c.keep);
      expect((await directory.require(tx, A, c.merge, "input.childId", 0)).id).toBe(c.keep);
    });
  });

  it("a kept child with no current placement takes the merged child's (its home's staff see it), and gives it back on unmerge", async () => {
    const keep = randomUUID();
    const merge = randomUUID();
    const placement = randomUUID();
    await rows(`INSERT INTO S.known_child (id, tenant, date_of_birth, placement_id, home_urn) VALUES ($1, $3, '2014-05-01', NULL, NULL), ($2, $3, '2014-05-01', $4, 'SC222')`, keep, merge, A, placement);
    const mergeEventId = randomUUID();
    await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: keep, mergeId: merge, mergeEventId }));
    const staff = { userId: "rs-2", roles: ["RESIDENTIAL_STAFF" as const], tenant: A, home: "SC222" };
    const directory = childDirectory(SCHEMA);
    expect(await asTenant((tx) => directory.visibility(tx, staff).loadMany([keep, merge]))).toEqual([true, true]);
    expect(await asTenant((tx) => directory.scopedIds(tx, staff))).toEqual([keep]);
    await asTenant((tx) => unmergeChild(tx, SCHEMA, { tenant: A, mergeEventId }));
    expect(await asTenant((tx) => directory.visibility(tx, staff).loadMany([keep, merge]))).toEqual([false, true]);
  });

  it("is idempotent: the same merge again (a redelivery, or the children service consuming its own event) changes nothing", async () => {
    const c = await twoRecords();
    const m = { tenant: A, keepId: c.keep, mergeId: c.merge, mergeEventId: randomUUID() };
    await asTenant((tx) => mergeChild(tx, SCHEMA, m));
    const again = await asTenant((tx) => mergeChild(tx, SCHEMA, m));
    expect(again).toEqual({ applied: false, moved: {}, left: [] });
    expect(await rows(`SELECT count(*)::int AS n FROM S.merged_row WHERE merge_event_id = $1`, m.mergeEventId)).toEqual([{ n: 5 }]);
  });

  it("another tenant's transaction moves nothing of this tenant's (row-level security)", async () => {
    const c = await twoRecords();
    const result = await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: B, keepId: c.keep, mergeId: c.merge, mergeEventId: randomUUID() }), B);
    expect(result.moved).toEqual({});
    expect(await childOf("remark", "child_id = $1", c.merge)).toEqual([c.merge, c.merge]);
    expect(await rows(`SELECT merged_into FROM S.known_child WHERE id = $1`, c.merge)).toEqual([{ merged_into: null }]);
  });

  it("a table named whole keeps the kept child's history entire when it has one, and takes the merged child's when it has none", async () => {
    const c = await twoRecords();
    const result = await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: c.keep, mergeId: c.merge, mergeEventId: randomUUID() }, { whole: ["attendance", "remark"] }));
    expect(result.moved).toEqual({ placement: 1, visit: 1, remark: 2 });
    expect(await childOf("attendance", "child_id = $1", c.merge)).toEqual([c.merge, c.merge]);
  });

  it("refuses to merge a child into itself", async () => {
    const id = randomUUID();
    await expect(asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: id, mergeId: id.toUpperCase(), mergeEventId: randomUUID() }))).rejects.toThrow(/itself/);
  });
});

describe("references to a child in other columns (*_child_id)", () => {
  it("follow the merge to the kept child, except where that would repeat a link or make a child its own sibling, and go back on unmerge", async () => {
    const { keep, merge } = await twoRecords();
    const [brother, sister, relative] = [randomUUID(), randomUUID(), randomUUID()];
    await rows(`INSERT INTO S.relative VALUES ($1, $4, $2, $3)`, relative, brother, merge, A);
    // brother already links both records (one stays), sister links the merged one, keep links the merged one (itself after).
    await rows(`INSERT INTO S.sibling VALUES ($4, $1, $3), ($4, $1, $5), ($4, $2, $3), ($4, $5, $3)`, brother, sister, merge, A, keep);
    const mergeEventId = randomUUID();
    const result = await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: keep, mergeId: merge, mergeEventId }));
    expect(result.moved).toMatchObject({ "relative.linked_child_id": 1, "sibling.sibling_child_id": 1 });
    expect(await rows(`SELECT linked_child_id::text AS l FROM S.relative WHERE id = $1`, relative)).toEqual([{ l: keep }]);
    const links = async () => (await rows(`SELECT child_id::text || '>' || sibling_child_id::text AS l FROM S.sibling WHERE child_id = ANY($1::uuid[]) ORDER BY 1`, [brother, sister, keep])).map((r) => r.l as string);
    expect(await links()).toEqual([`${brother}>${keep}`, `${brother}>${merge}`, `${keep}>${merge}`, `${sister}>${keep}`].sort());
    await asTenant((tx) => unmergeChild(tx, SCHEMA, { tenant: A, mergeEventId }));
    expect(await rows(`SELECT linked_child_id::text AS l FROM S.relative WHERE id = $1`, relative)).toEqual([{ l: merge }]);
    expect(await links()).toEqual([`${brother}>${keep}`, `${brother}>${merge}`, `${keep}>${merge}`, `${sister}>${merge}`].sort());
  });
});

describe("unmergeChild", () => {
  it("moves back exactly the rows the merge moved (as they stand now); rows recorded for the kept child since stay; idempotent", async () => {
    const c = await twoRecords();
    const mergeEventId = randomUUID();
    await asTenant((tx) => mergeChild(tx, SCHEMA, { tenant: A, keepId: c.keep, mergeId: c.merge, mergeEventId }));
    // After the merge: a moved row is changed, one is deleted, and a new row is recorded for the kept child.
    await rows(`UPDATE S.attendance SET sessions = 21 WHERE child_id = $1 AND term = '2026-spring'`, c.keep);
    await rows(`DELETE FROM S.remark WHERE child_id = $1 AND n = 2`, c.keep);
    await rows(`INSERT INTO S.remark VALUES ($2, $1, 3, 'after the merge')`, c.keep, A);

    const undone = await asTenant((tx) => unmergeChild(tx, SCHEMA, { tenant: A, mergeEventId }));
    expect(undone).toEqual({ applied: true, keepId: c.keep, mergeId: c.merge, restored: { placement: 1, visit: 1, attendance: 1, remark: 1 }, missing: 1 });
    expect(await childOf("placement", "id = ANY($1::uuid[])", [c.mergeOpen, c.mergeEnded])).toEqual([c.merge, c.merge]);
    expect(await childOf("visit", "id = ANY($1::uuid[])", [c.v1, c.v2])).toEqual([c.merge, c.merge]);
    expect(await rows(`SELECT child_id::text AS c, term, sessions FROM S.attendance WHERE child_id IN ($1, $2) ORDER BY sessions`, c.keep, c.merge)).toEqual([
      { c: c.keep, term: "2025-autumn", sessions: 10 },
      { c: c.merge, term: "2026-spring", sessions: 21 },
      { c: c.merge, term: "2025-autumn", sessions: 99 },
    ]);
    expect(await rows(`SELECT child_id AS c, n FROM S.remark WHERE child_id IN ($1, $2) ORDER BY n`, c.keep, c.merge)).toEqual([
      { c: c.merge, n: 1 },
      { c: c.keep, n: 3 },
    ]);
    expect(await rows(`SELECT merged_into FROM S.known_child WHERE id = $1`, c.merge)).toEqual([{ merged_into: null }]);
    expect(await asTenant((tx) => childDirectory(SCHEMA).shownAs(tx, A).load(c.merge))).toBe(c.merge);

    // Again (a redelivered ChildrenUnmerged), or an unknown merge: nothing.
    expect((await asTenant((tx) => unmergeChild(tx, SCHEMA, { tenant: A, mergeEventId }))).applied).toBe(false);
    expect((await asTenant((tx) => unmergeChild(tx, SCHEMA, { tenant: A, mergeEventId: randomUUID() }))).applied).toBe(false);
    expect(await childOf("placement", "id = $1", c.mergeEnded)).toEqual([c.merge]);
  });
});
