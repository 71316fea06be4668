import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/client';
import { createTestDatabase } from '../../src/db/testing';
import { createRecorder } from '../../src/records';
import { formatReports, verifyAll } from '../../src/audit/verify';
import type { RawSql } from '../../src/db-types';
import { FIXTURE_MIGRATIONS } from '../db/fixture/paths';

jest.setTimeout(60_000);

const SCHEMA = 'children';
const identity = { userId: 'sw-1', roles: ['SOCIAL_WORKER' as const], tenant: 'E09000027' };
const CHILD = '11111111-1111-4111-8111-111111111111';

const open = (where: { url: string } | { embeddedDir: string }) =>
  openDatabase<object>({ ...where, schema: SCHEMA, migrationsDir: FIXTURE_MIGRATIONS, createClient: () => ({}), log: () => undefined });

/** The platform's runner as the recorder's transaction (one statement at a time, autocommit). */
const rawSql = (db: Database<object>): RawSql => ({
  $executeRawUnsafe: async (sql, ...values) => (await db.runner.query(sql, values)).length,
  $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await db.runner.query(sql, values)) as T,
});

async function writeEntries(db: Database<object>): Promise<void> {
  const recorder = createRecorder('children', SCHEMA);
  const tx = rawSql(db);
  await recorder.change(tx, { identity, requestId: 'r1', operation: 'Register' }, { action: 'child.registered', entity: 'Child', entityId: CHILD, childId: CHILD });
  await recorder.read(tx, { identity, requestId: 'r2' }, { childIds: [CHILD], fields: ['Child.firstName'], operation: 'Caseload' });
  await recorder.change(tx, { identity, requestId: 'r3', operation: 'Archive' }, { action: 'child.archived', entity: 'Child', entityId: CHILD, childId: CHILD });
}

/** What an insider with superuser rights could do: turn triggers off and edit the second entry. */
async function tamper(db: Database<object>): Promise<void> {
  await db.runner.exec(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE audit_entry SET fields = '["Child.nothing"]' WHERE seq = 2; COMMIT;`);
}

describe('npm run audit:verify', () => {
  test('pg (DATABASE_URL): every schema checked; an edited read entry is reported at its seq', async () => {
    const server = await createTestDatabase('platform_verify');
    const db = await open({ url: server.url });
    try {
      await writeEntries(db);
      expect(await verifyAll({ url: server.url })).toEqual([{ schema: SCHEMA, entries: 3, broken: null }]);
      await tamper(db);
      const reports = await verifyAll({ url: server.url });
      expect(reports).toEqual([{ schema: SCHEMA, entries: 3, broken: { seq: '2', reason: expect.stringMatching(/edited/) } }]);
      expect(formatReports(reports)).toMatch(/^children: BROKEN at seq 2/);
    } finally {
      await db.close();
      await server.drop();
    }
  });

  test('embedded data dir (one PGlite per service): a removed link is reported too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-verify-'));
    try {
      const db = await open({ embeddedDir: path.join(dir, 'children') });
      try {
        await writeEntries(db);
        await db.runner.exec(`BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM audit_entry WHERE seq = 2; COMMIT;`);
      } finally {
        await db.close();
      }
      expect(await verifyAll({ dataDir: dir })).toEqual([{ schema: SCHEMA, entries: 2, broken: { seq: '3', reason: expect.stringMatching(/removed/) } }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
