import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../src/db/testing';
import { PLATFORM_TABLES } from '../../src/db/platform-tables';
import { tenantScopedClient } from '../../src/db/tenant-client';
import { FIXTURE_MIGRATIONS, loadFixtureClient, type FixtureClientModule, type FixturePrismaClient } from './fixture/client';

jest.setTimeout(60_000);

const SCHEMA = 'fixture_svc';
let generated: FixtureClientModule;
beforeAll(() => {
  generated = loadFixtureClient();
});

const quiet = () => undefined;
function open(where: { url: string } | { embeddedDir: string }, onQuery?: () => void): Promise<Database<FixturePrismaClient>> {
  return openDatabase({
    ...where,
    onQuery,
    schema: SCHEMA,
    migrationsDir: FIXTURE_MIGRATIONS,
    createClient: (adapter) => new generated.PrismaClient({ adapter }),
    log: quiet,
  });
}

/** What every service does with its data and the platform tables, in either mode. */
async function exercise(db: Database<FixturePrismaClient>): Promise<void> {
  const { prisma } = db;
  const created = await prisma.widget.create({ data: { name: 'sprocket' } });
  expect(created).toMatchObject({ id: expect.any(Number), name: 'sprocket', createdAt: expect.any(Date) });

  // Unique violation → P2002.
  const dup = await prisma.widget.create({ data: { name: 'sprocket' } }).catch((e: unknown) => e);
  expect(dup).toBeInstanceOf(generated.Prisma.PrismaClientKnownRequestError);
  expect(dup).toMatchObject({ code: 'P2002', meta: expect.anything() });

  // Interactive transaction: model writes + raw SQL on the platform tables commit together…
  const eventId = '6f1c1c8e-5b0a-4a5e-9a55-0d6f0b1c2d3e';
  await prisma.$transaction(async (tx) => {
    await tx.widget.update({ where: { id: created.id }, data: { name: 'gear' } });
    await tx.$executeRawUnsafe(
      `INSERT INTO outbox_event (id, topic, key, type, envelope, occurred_at) VALUES ($1::uuid, 'widgets', $2, 'WidgetRenamed', $3::jsonb, now())`,
      eventId,
      String(created.id),
      JSON.stringify({ name: 'gear' }),
    );
  });
  // …and roll back together.
  await expect(
    prisma.$transaction(async (tx) => {
      await tx.widget.create({ data: { name: 'ghost' } });
      await tx.$executeRawUnsafe(`INSERT INTO processed_event (consumer, event_id) VALUES ('c', $1::uuid)`, eventId);
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');

  expect(await prisma.widget.findMany({ select: { name: true } })).toEqual([{ name: 'gear' }]);
  expect(await prisma.processedEvent.count()).toBe(0);
  const outbox = await prisma.outboxEvent.findUniqueOrThrow({ where: { id: eventId } });
  expect(outbox).toMatchObject({ seq: 1n, topic: 'widgets', envelope: { name: 'gear' }, attempts: 0, publishedAt: null });

  // Raw SQL (unqualified, via search_path) and the runner see the same rows as the models.
  expect(await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM outbox_event`)).toEqual([{ n: 1 }]);
  expect(await db.runner.query(`SELECT name FROM widget`)).toEqual([{ name: 'gear' }]);
  expect(await db.runner.query(`SELECT name FROM "${SCHEMA}"."widget"`)).toEqual([{ name: 'gear' }]);
}

async function tablesIn(db: Database<FixturePrismaClient>, schema: string): Promise<string[]> {
  const rows = await db.runner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  return rows.map((r) => r.table_name);
}

describe('pg mode', () => {
  let server: TestDatabase;
  beforeEach(async () => {
    server = await createTestDatabase('platform_client');
  });
  afterEach(() => server.drop());

  test('CRUD, interactive transactions and P2002 in the service schema', async () => {
    const db = await open({ url: server.url });
    try {
      expect(db.mode).toBe('pg');
      await exercise(db);
      expect(await tablesIn(db, SCHEMA)).toEqual(['_platform_migrations', '_prisma_migrations', ...PLATFORM_TABLES, 'widget'].sort());
      expect(await tablesIn(db, 'public')).toEqual([]);
    } finally {
      await db.close();
    }
    await db.close(); // idempotent
  });
});

describe('pglite mode', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'platform-pglite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('same behaviour, same schema, and the data directory survives a reopen', async () => {
    const embeddedDir = path.join(dir, 'fixture');
    const first = await open({ embeddedDir });
    try {
      expect(first.mode).toBe('pglite');
      await exercise(first);
      expect(await tablesIn(first, SCHEMA)).toEqual(['_platform_migrations', '_prisma_migrations', ...PLATFORM_TABLES, 'widget'].sort());
      expect(await tablesIn(first, 'public')).toEqual([]);
    } finally {
      await first.close();
    }

    const second = await open({ embeddedDir });
    try {
      expect(await second.prisma.widget.findMany({ select: { name: true } })).toEqual([{ name: 'gear' }]);
      expect(await second.runner.query(`SELECT count(*)::int AS n FROM _prisma_migrations`)).toEqual([{ n: 1 }]);
    } finally {
      await second.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Tenant isolation in PostgreSQL (row-level security), the same in both modes.
const A = 'E09000027';
const B = 'E08000003';
const CHILD_A = '11111111-1111-4111-8111-111111111111';
const CHILD_B = '22222222-2222-4222-8222-222222222222';

async function isolation(where: { url: string } | { embeddedDir: string }): Promise<void> {
  let statements = 0;
  const db = await open(where, () => statements++);
  try {
    // Rows of two tenants, written by the platform's own (migration) role.
    await db.runner.query(`INSERT INTO known_child (id, tenant, date_of_birth) VALUES ($1::uuid, $2, '2015-02-10'), ($3::uuid, $4, '2016-03-11')`, [CHILD_A, A, CHILD_B, B]);
    // A service table with a tenant column, created the way a service migration would; the next
    // start gives it its policy without the service writing any SQL for it.
    await db.runner.exec(`CREATE TABLE note (id int PRIMARY KEY, tenant text NOT NULL, body text); INSERT INTO note VALUES (1, '${A}', 'a'), (2, '${B}', 'b')`);
  } finally {
    await db.close();
  }

  statements = 0;
  const reopened = await open(where, () => statements++);
  try {
    const policies = await reopened.runner.query<{ tablename: string }>(`SELECT tablename::text AS tablename FROM pg_policies WHERE schemaname = $1 ORDER BY 1`, [SCHEMA]);
    expect(policies.map((p) => p.tablename)).toEqual(['audit_entry', 'audit_trail', 'child_merge', 'erased_child', 'idempotent_request', 'known_child', 'known_child_share', 'merged_row', 'note']);
    const forced = await reopened.runner.query<{ relname: string }>(
      `SELECT c.relname::text AS relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relrowsecurity AND c.relforcerowsecurity ORDER BY 1`,
      [SCHEMA],
    );
    expect(forced.map((r) => r.relname)).toEqual(['audit_entry', 'audit_trail', 'child_merge', 'erased_child', 'idempotent_request', 'known_child', 'known_child_share', 'merged_row', 'note']);

    const asA = tenantScopedClient(reopened.prisma, A);
    const asB = tenantScopedClient(reopened.prisma, B);
    // A query that forgets its tenant filter still sees only the tenant it runs for.
    expect(await asA.$queryRawUnsafe(`SELECT id::text AS id, tenant FROM known_child`)).toEqual([{ id: CHILD_A, tenant: A }]);
    expect(await asB.$queryRawUnsafe(`SELECT id::text AS id, tenant FROM known_child`)).toEqual([{ id: CHILD_B, tenant: B }]);
    expect(await asB.$queryRawUnsafe(`SELECT id::text AS id FROM known_child WHERE id = $1::uuid`, CHILD_A)).toEqual([]);
    expect(await asA.$transaction((tx) => tx.$queryRawUnsafe(`SELECT body FROM note`))).toEqual([{ body: 'a' }]);
    // …and runs as a role that cannot bypass it.
    expect(await asA.$queryRawUnsafe(`SELECT current_user AS "user", current_setting('caregraph.tenant', true) AS tenant`)).toEqual([{ user: 'caregraph_app', tenant: A }]);
    // No tenant: nothing at all.
    expect(await tenantScopedClient(reopened.prisma, '').$queryRawUnsafe(`SELECT id FROM known_child`)).toEqual([]);
    // Writes: another tenant's rows cannot be changed, nor rows written for another tenant.
    expect(await asA.$executeRawUnsafe(`UPDATE note SET body = 'changed'`)).toBe(1);
    expect(await asA.$executeRawUnsafe(`DELETE FROM known_child WHERE id = $1::uuid`, CHILD_B)).toBe(0);
    await expect(asA.$executeRawUnsafe(`INSERT INTO note VALUES (3, '${B}', 'planted')`)).rejects.toThrow(/row-level security/);
    expect(await reopened.runner.query(`SELECT body FROM note ORDER BY id`)).toEqual([{ body: 'changed' }, { body: 'b' }]);
    // The setting is transaction-local: the connection carries no tenant afterwards.
    expect(await reopened.runner.query(`SELECT coalesce(current_setting('caregraph.tenant', true), '') AS t, current_user AS u`)).toEqual([{ t: '', u: 'postgres' }]);

    // The audit trail is append-only in the database, whoever asks (even the superuser).
    await reopened.runner.query(
      `INSERT INTO audit_entry (at, tenant, actor, action, entity, entity_id, details, prev_hash, hash) VALUES (now(), $1, 'u', 'a', 'e', '1', '{}', '', 'h')`,
      [A],
    );
    await expect(reopened.runner.query(`UPDATE audit_entry SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(reopened.runner.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    await expect(asA.$executeRawUnsafe(`DELETE FROM audit_entry`)).rejects.toThrow(/permission denied|append-only/);

    // Statements: a scoped call outside a transaction costs BEGIN + set_config + COMMIT extra;
    // an interactive transaction costs one set_config.
    statements = 0;
    await reopened.prisma.widget.findMany();
    const plain = statements;
    statements = 0;
    await tenantScopedClient(reopened.prisma, A).widget.findMany();
    const scoped = statements;
    statements = 0;
    await reopened.prisma.$transaction((tx) => tx.widget.findMany());
    const plainTx = statements;
    statements = 0;
    await asA.$transaction((tx) => tx.widget.findMany());
    const scopedTx = statements;
    // (PGlite's adapter runs transactions through db.transaction(), which the counter does not see.)
    if ('url' in where) expect({ plain, scoped, plainTx, scopedTx }).toEqual({ plain, scoped: plain + 3, plainTx, scopedTx: plainTx + 1 });
  } finally {
    await reopened.close();
  }
}

describe('row-level security', () => {
  test('pg mode: a query without its tenant filter sees only its own tenant', async () => {
    const server = await createTestDatabase('platform_rls');
    try {
      await isolation({ url: server.url });
    } finally {
      await server.drop();
    }
  });

  test('pglite mode: the same', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-rls-'));
    try {
      await isolation({ embeddedDir: path.join(dir, 'fixture') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
