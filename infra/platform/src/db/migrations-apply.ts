/**
 * Applies `prisma/migrations` to one service schema and keeps `<schema>._prisma_migrations`
 * exactly as `prisma migrate deploy` writes it, so production (where the real CLI can run) and
 * this applier can take turns on the same database:
 * - table DDL identical to Prisma's; checksum = lower-case hex SHA-256 of migration.sql as read;
 * - per migration: insert the row (uuid v4, checksum, started_at now(), name), run the script as
 *   ONE query (implicit transaction, like Prisma), then `finished_at = now(),
 *   applied_steps_count = 1`; on failure the error goes to `logs` and we throw;
 * - `pg_advisory_lock(72707369)` (Prisma's key) while applying, so concurrent deployers serialize;
 * - a row with both finished_at and rolled_back_at NULL is a failed migration: refuse (Prisma P3009)
 *   until someone resolves it (`prisma migrate resolve --rolled-back|--applied`, or fix the row);
 * - folders that already have a non-rolled-back row are skipped.
 * Migration SQL is unqualified, so it runs with search_path = the service schema.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { assertSchemaName, type SqlRunner } from './runner';

export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export interface ApplyOptions {
  /** The service's Postgres schema, e.g. "health". */
  schema: string;
  /** Absolute path to the service's prisma/migrations. */
  migrationsDir: string;
  /** The history table; the platform's own migrations keep theirs in `_platform_migrations`. */
  historyTable?: string;
  log?: (message: string) => void;
}

export interface ApplyResult {
  applied: string[];
}

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

interface HistoryRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
    readonly code: 'P3009' | 'P3018' | 'LOCKFILE',
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function readLocalMigrations(migrationsDir: string): LocalMigration[] {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockPath) || !/^\s*provider\s*=\s*"postgresql"\s*$/m.test(readFileSync(lockPath, 'utf8'))) {
    throw new MigrationError(`${lockPath} is missing or its provider is not "postgresql"`, '', 'LOCKFILE');
  }
  return readdirSync(migrationsDir)
    .filter((name) => statSync(path.join(migrationsDir, name)).isDirectory())
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`${file} is missing`);
      // Read as bytes: the checksum is over the file exactly as stored (Prisma hashes the bytes).
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

/** Prisma's own DDL for the history table (schema-engine, postgres flavour). */
function historyDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
}

export async function applyMigrations(runner: SqlRunner, options: ApplyOptions): Promise<ApplyResult> {
  const schema = assertSchemaName(options.schema);
  const log = options.log ?? ((message: string) => console.log(message));
  const migrations = readLocalMigrations(options.migrationsDir);
  const table = `"${schema}"."${options.historyTable ?? '_prisma_migrations'}"`;

  return runner.session(async (conn) => {
    await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    const [saved] = await conn.query<{ path: string }>("SELECT current_setting('search_path') AS path");
    try {
      await conn.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; ${historyDdl(table)};`);
      await conn.query(`SELECT set_config('search_path', $1, false)`, [`"${schema}"`]);

      const rows = await conn.query<HistoryRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at`,
      );
      const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new MigrationError(
          `P3009: migration ${failed.migration_name} in schema "${schema}" failed earlier; ` +
            'resolve it (see its logs in _prisma_migrations) before applying new migrations',
          failed.migration_name,
          'P3009',
        );
      }
      const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
      for (const name of done.keys()) {
        if (!migrations.some((m) => m.name === name)) log(`warning: ${schema}: applied migration ${name} is not in ${options.migrationsDir}`);
      }

      const applied: string[] = [];
      for (const migration of migrations) {
        const appliedChecksum = done.get(migration.name);
        if (appliedChecksum !== undefined) {
          if (appliedChecksum !== migration.checksum) log(`warning: ${schema}: migration ${migration.name} was edited after it was applied`);
          continue;
        }
        const id = randomUUID();
        await conn.query(`INSERT INTO ${table} (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`, [
          id,
          migration.checksum,
          migration.name,
        ]);
        try {
          await conn.exec(migration.sql);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await conn.query(`UPDATE ${table} SET logs = $2 WHERE id = $1`, [id, message]);
          throw new MigrationError(
            `P3018: migration ${migration.name} failed to apply to schema "${schema}": ${message}`,
            migration.name,
            'P3018',
          );
        }
        await conn.query(`UPDATE ${table} SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        applied.push(migration.name);
        log(`${schema}: applied migration ${migration.name}`);
      }
      return { applied };
    } finally {
      await conn.query(`SELECT set_config('search_path', $1, false)`, [saved?.path ?? 'public']);
      await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    }
  });
}
