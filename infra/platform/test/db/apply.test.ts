import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { applyMigrations, MigrationError } from '../../src/db/migrations-apply';
import { pgliteAdapterFactory } from '../../src/db/pglite-adapter';
import { pgliteRunner, pgRunner } from '../../src/db/runner';
import { NO_FILTERS, readMigrationList, withSchemaEngine } from '../../src/db/schema-engine';
import { createTestDatabase, type TestDatabase } from '../../src/db/testing';
import { FIXTURE_DIR, FIXTURE_MIGRATIONS } from './fixture/paths';

jest.setTimeout(60_000);

const SCHEMA = 'fixture_svc';
const schemaPath = path.join(FIXTURE_DIR, 'prisma', 'schema.prisma');
const quiet = { log: () => undefined };

let db: TestDatabase;
let pool: Pool;
beforeEach(async () => {
  db = await createTestDatabase('platform_apply');
  pool = new Pool({ connectionString: db.url, max: 4 });
});
afterEach(async () => {
  await pool.end();
  await db.drop();
});

async function tablesIn(schema: string, query: (sql: string, p: unknown[]) => Promise<Array<Record<string, unknown>>>): Promise<string[]> {
  const rows = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
  return rows.map((r) => String(r.table_name));
}

/** The engine's `prisma migrate status` against the real database, through adapter-pg with the schema. */
async function diagnose(connectionString: string, migrationsDir = FIXTURE_MIGRATIONS) {
  return withSchemaEngine(
    schemaPath,
    (engine) => engine.diagnoseMigrationHistory({ migrationsList: readMigrationList(migrationsDir), optInToShadowDatabase: false, filters: NO_FILTERS }),
    // The engine finds _prisma_migrations through search_path (like the native engine with
    // ?schema=), not through the adapter's schema option.
    new PrismaPg({ connectionString, options: `-c search_path=${SCHEMA}` }, { schema: SCHEMA }),
  );
}

test('applies to a non-public schema of real Postgres and writes a Prisma-compatible history', async () => {
  const runner = pgRunner(pool);
  const first = await applyMigrations(runner, { schema: SCHEMA, migrationsDir: FIXTURE_MIGRATIONS, ...quiet });
  expect(first.applied).toEqual([expect.stringMatching(/^\d{14}_init$/)]);

  const q = async (sql: string, p: unknown[]) => (await pool.query(sql, p)).rows as Array<Record<string, unknown>>;
  expect(await tablesIn(SCHEMA, q)).toEqual(['_prisma_migrations', 'outbox_event', 'processed_event', 'widget']);
  expect(await tablesIn('public', q)).toEqual([]);

  const [row] = (await pool.query(`SELECT * FROM ${SCHEMA}._prisma_migrations`)).rows;
  const sqlFile = path.join(FIXTURE_MIGRATIONS, first.applied[0]!, 'migration.sql');
  expect(row).toMatchObject({
    migration_name: first.applied[0],
    checksum: createHash('sha256').update(readFileSync(sqlFile)).digest('hex'),
    applied_steps_count: 1,
    logs: null,
    rolled_back_at: null,
  });
  expect(row.finished_at).toBeInstanceOf(Date);
  expect(row.id).toMatch(/^[0-9a-f-]{36}$/);

  // Idempotent, and the search_path of the pooled connection is restored.
  expect((await applyMigrations(runner, { schema: SCHEMA, migrationsDir: FIXTURE_MIGRATIONS, ...quiet })).applied).toEqual([]);
  expect((await pool.query(`SHOW search_path`)).rows[0].search_path).toBe('"$user", public');

  // Prisma's own schema engine reads the history we wrote as "in sync".
  const status = await diagnose(db.url);
  expect(status).toMatchObject({ hasMigrationsTable: true, failedMigrationNames: [], editedMigrationNames: [], history: null });
});

test('concurrent appliers serialize on the advisory lock', async () => {
  const runs = await Promise.all(
    [0, 1, 2].map(() => applyMigrations(pgRunner(pool), { schema: SCHEMA, migrationsDir: FIXTURE_MIGRATIONS, ...quiet })),
  );
  expect(runs.map((r) => r.applied.length).sort()).toEqual([0, 0, 1]);
  expect((await pool.query(`SELECT count(*)::int AS n FROM ${SCHEMA}._prisma_migrations`)).rows[0].n).toBe(1);
});

describe('a failing migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'platform-mig-'));
    cpSync(FIXTURE_MIGRATIONS, dir, { recursive: true });
    mkdirSync(path.join(dir, '29990101000000_broken'));
    // First statement fine, second fails: the one-query script must leave nothing behind.
    writeFileSync(path.join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "half" (id int);\nALTER TABLE "nope" ADD COLUMN x int;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('is logged, named in the error, atomic, and blocks later runs (P3009)', async () => {
    const runner = pgRunner(pool);
    const error = await applyMigrations(runner, { schema: SCHEMA, migrationsDir: dir, ...quiet }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('29990101000000_broken');
    expect((error as Error).message).toMatch(/29990101000000_broken.*relation "nope" does not exist/);

    const rows = (await pool.query(`SELECT migration_name, finished_at, logs FROM ${SCHEMA}._prisma_migrations ORDER BY started_at`)).rows;
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ migration_name: '29990101000000_broken', finished_at: null, logs: expect.stringContaining('"nope"') });
    expect((await pool.query(`SELECT to_regclass('${SCHEMA}.half') AS t`)).rows[0].t).toBeNull();

    await expect(applyMigrations(runner, { schema: SCHEMA, migrationsDir: dir, ...quiet })).rejects.toMatchObject({
      code: 'P3009',
      migration: '29990101000000_broken',
    });
    // Prisma's engine sees the same failed migration (what makes `migrate deploy` refuse with P3009).
    expect((await diagnose(db.url, dir)).failedMigrationNames).toEqual(['29990101000000_broken']);
  });
});

test('refuses a migrations folder without a postgresql migration_lock.toml', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-mig-'));
  try {
    await expect(applyMigrations(pgRunner(pool), { schema: SCHEMA, migrationsDir: dir, ...quiet })).rejects.toThrow(/migration_lock\.toml/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same applier works on PGlite, and the engine accepts that history too', async () => {
  const lite = await PGlite.create();
  try {
    const runner = pgliteRunner(lite);
    expect((await applyMigrations(runner, { schema: SCHEMA, migrationsDir: FIXTURE_MIGRATIONS, ...quiet })).applied).toHaveLength(1);
    expect((await applyMigrations(runner, { schema: SCHEMA, migrationsDir: FIXTURE_MIGRATIONS, ...quiet })).applied).toEqual([]);
    expect(await tablesIn(SCHEMA, async (sql, p) => (await lite.query<Record<string, unknown>>(sql, p)).rows)).toEqual([
      '_prisma_migrations',
      'outbox_event',
      'processed_event',
      'widget',
    ]);
    await lite.query(`SET search_path TO ${SCHEMA}`);
    const status = await withSchemaEngine(
      schemaPath,
      (engine) => engine.diagnoseMigrationHistory({ migrationsList: readMigrationList(FIXTURE_MIGRATIONS), optInToShadowDatabase: false, filters: NO_FILTERS }),
      pgliteAdapterFactory(lite, { schema: SCHEMA }),
    );
    expect(status).toMatchObject({ hasMigrationsTable: true, failedMigrationNames: [], editedMigrationNames: [], history: null });
  } finally {
    await lite.close();
  }
});
