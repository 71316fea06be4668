import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration, migrationTimestamp } from '../../src/db/migrations-generate';
import { migrationDrift } from '../../src/db/migrations-drift';
import { FIXTURE_DIR } from './fixture/paths';

jest.setTimeout(60_000);

let work: string;
beforeEach(() => {
  // A scratch service with the fixture's schema.prisma but no migrations yet.
  work = mkdtempSync(path.join(os.tmpdir(), 'platform-db-'));
  cpSync(path.join(FIXTURE_DIR, 'prisma', 'schema.prisma'), path.join(work, 'prisma', 'schema.prisma'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test('fixture: schema.prisma and migrations agree', async () => {
  expect(await migrationDrift(FIXTURE_DIR)).toBe('');
});

test('timestamp is UTC yyyymmddHHMMSS', () => {
  expect(migrationTimestamp(new Date('2026-03-04T05:06:07.890Z'))).toBe('20260304050607');
});

test('generator writes the first migration, then reports no changes; drift follows model edits', async () => {
  const first = await generateMigration(work, 'init', new Date('2026-01-01T00:00:00Z'));
  expect(first.dir).toBe(path.join(work, 'prisma', 'migrations', '20260101000000_init'));
  const sql = readFileSync(path.join(first.dir!, 'migration.sql'), 'utf8');
  expect(sql).toContain('CREATE TABLE "widget"');
  // The platform's own tables come from infra/platform/prisma, never from a service's migration.
  expect(sql).not.toContain('"outbox_event"');
  expect(sql).not.toContain('"processed_event"');
  expect(readFileSync(path.join(work, 'prisma', 'migrations', 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

  expect(await generateMigration(work, 'nothing')).toEqual({ dir: null, sql: '' });
  expect(await migrationDrift(work)).toBe('');

  // Edit the model without a migration → drift shows the missing SQL.
  const schemaPath = path.join(work, 'prisma', 'schema.prisma');
  writeFileSync(schemaPath, readFileSync(schemaPath, 'utf8').replace('name      String   @unique', 'name      String   @unique\n  colour    String?'));
  const drift = await migrationDrift(work);
  expect(drift).toContain('ALTER TABLE "widget" ADD COLUMN     "colour" TEXT');

  const second = await generateMigration(work, 'add_colour', new Date('2026-01-02T00:00:00Z'));
  expect(second.sql).toContain('"colour" TEXT');
  expect(readdirSync(path.join(work, 'prisma', 'migrations')).sort()).toEqual([
    '20260101000000_init',
    '20260102000000_add_colour',
    'migration_lock.toml',
  ]);
  expect(await migrationDrift(work)).toBe('');
});

test('generator rejects names that are not folder-safe', async () => {
  await expect(generateMigration(work, 'drop table; x')).rejects.toThrow(/migration name/);
});
