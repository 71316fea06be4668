import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../src/db/testing';
import { PLATFORM_TABLES } from '../../src/db/platform-tables';
import { FIXTURE_MIGRATIONS, loadFixtureClient, type FixtureClientModule, type FixturePrismaClient } from './fixture/client';

jest.setTimeout(60_000);

const SCHEMA = 'fixture_svc';
let generated: FixtureClientModule;
beforeAll(() => {
  generated = loadFixtureClient();
});

const quiet = () => undefined;
function open(where: { url: string } | { embeddedDir: string }): Promise<Database<FixturePrismaClient>> {
  return openDatabase({
    ...where,
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
