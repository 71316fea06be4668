import { PGlite } from "@electric-sql/pglite";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { pgliteRunner, pgRunner, type SqlRunner } from "../../src/db/runner";
import { createTestDatabase, type TestDatabase } from "../../src/db/testing";
import { encryptedColumns, formatRotation, markedColumns, markerStatement, openField, parseKeyring, rotateAll, rotateColumn, sealField } from "../../src/crypto";

jest.setTimeout(60_000);

const key = () => randomBytes(32).toString("base64");
const [A, B] = [key(), key()];
const ringA = parseKeyring(`a:${A}`);
const ringBA = parseKeyring(`b:${B},a:${A}`);
const ringB = parseKeyring(`b:${B}`);

/** A service-like schema: two marked columns (one keyed by child_id), one unmarked, RLS forced as in the services. */
const cols = encryptedColumns("svc", {
  note: { table: "note", column: "body" },
  ref: { table: "child_case", column: "reference", idColumn: "child_id" },
});
const SCHEMA_SQL = `
  CREATE SCHEMA svc; SET search_path = svc;
  CREATE TABLE note (id uuid PRIMARY KEY, tenant text NOT NULL, body text, title text);
  CREATE TABLE child_case (child_id uuid PRIMARY KEY, reference text);
  ALTER TABLE note ENABLE ROW LEVEL SECURITY; ALTER TABLE note FORCE ROW LEVEL SECURITY;
  CREATE POLICY t ON note USING (tenant = current_setting('caregraph.tenant', true));
  ${markerStatement(cols.note)}
  ${markerStatement(cols.ref)}
  COMMENT ON COLUMN note.title IS 'the title, not encrypted';
  RESET search_path;`;

const place = (id: string) => ({ schema: "svc", table: "note", column: "body", id });

async function writeNotes(runner: SqlRunner, n: number, ring = ringA): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const text = `note ${i}: the child disclosed something`;
    texts.set(id, text);
    await runner.query(`INSERT INTO svc.note (id, tenant, body) VALUES ($1, $2, $3)`, [id, i % 2 ? "E1" : "E2", sealField(place(id), text, ring)]);
  }
  return texts;
}

const bodies = (runner: SqlRunner) => runner.query<{ id: string; body: string | null }>(`SELECT id::text, body FROM svc.note ORDER BY id`);

describe("npm run keys:rotate against PostgreSQL", () => {
  let db: TestDatabase;
  let pool: Pool;
  let runner: SqlRunner;
  beforeEach(async () => {
    db = await createTestDatabase("platform_rotate");
    pool = new Pool({ connectionString: db.url, max: 2 });
    runner = pgRunner(pool);
    await runner.exec(SCHEMA_SQL);
  });
  afterEach(async () => {
    await pool.end();
    await db.drop();
  });

  it("finds the marked columns (with their id column) and nothing else", async () => {
    expect(await markedColumns(runner)).toEqual([
      { schema: "svc", table: "child_case", column: "reference", idColumn: "child_id" },
      { schema: "svc", table: "note", column: "body", idColumn: "id" },
    ]);
    expect(await markedColumns(runner, "other")).toEqual([]);
  });

  it("key A, then keys B,A: every value (every tenant, across batches, legacy clear text too) is re-sealed with B and still opens; then B alone opens them", async () => {
    const texts = await writeNotes(runner, 7);
    const legacy = randomUUID();
    texts.set(legacy, "written before encryption");
    await runner.query(`INSERT INTO svc.note (id, tenant, body) VALUES ($1, 'E3', 'written before encryption'), ($2, 'E3', NULL)`, [legacy, randomUUID()]);
    const child = randomUUID();
    await runner.query(`INSERT INTO svc.child_case VALUES ($1, $2)`, [child, cols.ref.seal(child, "B1234567")]);

    const reports = await rotateColumn(runner, { ...cols.note }, ringBA, 3);
    expect(reports).toEqual({ column: "svc.note.body", resealed: 8, wereClear: 1, changedMeanwhile: 0, unreadable: 0, resealedByTenant: { E1: 3, E2: 4, E3: 1 } });

    const rows = (await bodies(runner)).filter((r) => r.body !== null);
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.body).toMatch(/^enc:v1:b:/);
      expect(openField(place(r.id), r.body, ringB)).toBe(texts.get(r.id));
    }
    // A second run has nothing left to do.
    expect((await rotateColumn(runner, cols.note, ringBA, 3)).resealed).toBe(0);
  });

  it("rotateAll over DATABASE_URL covers every marked column and reports per column", async () => {
    await writeNotes(runner, 2);
    const child = randomUUID();
    await runner.query(`INSERT INTO svc.child_case VALUES ($1, $2)`, [child, sealField({ schema: "svc", table: "child_case", column: "reference", id: child }, "B1234567", ringA)]);
    const reports = await rotateAll({ url: db.url }, ringBA);
    expect(reports.map((r) => [r.column, r.resealed])).toEqual([["svc.child_case.reference", 1], ["svc.note.body", 2]]);
    expect(formatRotation(reports, "b")).toMatch(/^svc\.child_case\.reference: 1 re-sealed with key b \(0 were clear text\), 0 changed meanwhile, 0 unreadable$/m);
    const [ref] = await runner.query<{ reference: string }>(`SELECT reference FROM svc.child_case`);
    expect(openField({ schema: "svc", table: "child_case", column: "reference", id: child }, ref!.reference, ringB)).toBe("B1234567");
  });

  it("a row a running service changes between the read and the write keeps the service's value", async () => {
    const texts = await writeNotes(runner, 3);
    const [raced] = [...texts.keys()].sort();
    const serviceWrite = sealField(place(raced!), "changed by the service meanwhile", ringA);
    // A runner that lets "the service" write the row just before rotation's guarded UPDATE of it.
    const racing: SqlRunner = {
      ...runner,
      async query(sql, params) {
        if (sql.startsWith("UPDATE") && params?.[1] === raced) await runner.query(`UPDATE svc.note SET body = $1 WHERE id = $2`, [serviceWrite, raced]);
        return runner.query(sql, params);
      },
    };
    const report = await rotateColumn(racing, cols.note, ringBA);
    expect(report).toMatchObject({ resealed: 2, changedMeanwhile: 1 });
    const row = (await bodies(runner)).find((r) => r.id === raced)!;
    expect(row.body).toBe(serviceWrite);
    // Run again: now it is re-sealed.
    expect(await rotateColumn(runner, cols.note, ringBA)).toMatchObject({ resealed: 1, changedMeanwhile: 0 });
    expect(openField(place(raced!), (await bodies(runner)).find((r) => r.id === raced)!.body, ringB)).toBe("changed by the service meanwhile");
  });

  it("a value no key opens (unknown key, or altered) is counted as unreadable and left alone", async () => {
    const [id] = [...(await writeNotes(runner, 1)).keys()];
    const stored = (await bodies(runner))[0]!.body!;
    const moved = randomUUID();
    await runner.query(`INSERT INTO svc.note (id, tenant, body) VALUES ($1, 'E1', $2)`, [moved, stored]); // copied to another row
    const report = await rotateColumn(runner, cols.note, ringB);
    expect(report).toMatchObject({ resealed: 0, unreadable: 2 });
    expect(formatRotation([report], "b")).toMatch(/keep the old key/);
    expect((await bodies(runner)).find((r) => r.id === id)!.body).toBe(stored);
  });
});

describe("npm run keys:rotate on the embedded data (one PGlite per service)", () => {
  it("re-seals each service's marked columns", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "platform-rotate-"));
    try {
      let pg = await PGlite.create({ dataDir: path.join(dir, "svc") });
      await pg.exec(SCHEMA_SQL);
      const texts = await writeNotes(pgliteRunner(pg), 2);
      await pg.close();
      const reports = await rotateAll({ dataDir: dir }, ringBA);
      expect(reports).toEqual([
        { column: "svc.child_case.reference", resealed: 0, wereClear: 0, changedMeanwhile: 0, unreadable: 0, resealedByTenant: {} },
        { column: "svc.note.body", resealed: 2, wereClear: 0, changedMeanwhile: 0, unreadable: 0, resealedByTenant: { E1: 1, E2: 1 } },
      ]);
      pg = await PGlite.create({ dataDir: path.join(dir, "svc") });
      for (const r of await bodies(pgliteRunner(pg))) expect(openField(place(r.id), r.body, ringB)).toBe(texts.get(r.id));
      await pg.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
