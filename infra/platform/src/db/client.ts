/**
 * Opens a service's database in one of two modes with the same Prisma client and migrations:
 * - `pg`: real PostgreSQL at `url` (pg Pool + @prisma/adapter-pg). The service schema goes to the
 *   adapter (`{ schema }`: Prisma qualifies every model query with it; `?schema=` in the URL is
 *   ignored by the adapter) AND to the connections' search_path (startup option), so raw SQL
 *   (`$queryRawUnsafe('SELECT … FROM outbox_event')`) also lands in the service schema.
 * - `pglite`: embedded Postgres (PGlite) persisted in `embeddedDir` (or `memory://…`), one folder
 *   per service. Same schema name as in pg mode: our adapter factory reports it to Prisma, and
 *   the single PGlite session gets the same search_path.
 * Migrations are applied (unless `skipMigrations`) before the client is handed out.
 */
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool, type PoolConfig } from 'pg';
import { applyMigrations } from './migrations-apply';
import { PLATFORM_MIGRATIONS } from './platform-tables';
import { pgliteAdapterFactory } from './pglite-adapter';
import { applyTenantIsolation } from './tenant-isolation';
import { assertSchemaName, pgliteRunner, pgRunner, type SqlRunner } from './runner';

/** What close() calls on the client (every generated PrismaClient has it). */
export interface PrismaClientLike {
  $disconnect(): Promise<void>;
}

/** `(adapter) => new PrismaClient({ adapter })` with the service's generated client. */
export type DatabaseClientFactory<C> = (adapter: SqlDriverAdapterFactory) => C;

// C is unconstrained so callers can type it by what they use (e.g. TransactionalDb) rather than
// by PrismaClientLike; close() calls $disconnect when present.
export interface OpenDatabaseOptions<C> {
  /** The service's Postgres schema, e.g. "health". */
  schema: string;
  /** PostgreSQL connection string → pg mode. */
  url?: string;
  /** Used when `url` is absent: PGlite data folder (created if missing), or "memory://". */
  embeddedDir?: string;
  createClient: DatabaseClientFactory<C>;
  /** The service's prisma/migrations; required unless skipMigrations. */
  migrationsDir?: string;
  skipMigrations?: boolean;
  /** Leave out the platform's tables (only for testing the applier itself). */
  withoutPlatformTables?: boolean;
  /** Extra pg Pool settings (pg mode), e.g. { max: 5 }. */
  pool?: Omit<PoolConfig, 'connectionString' | 'options'>;
  log?: (message: string) => void;
  /** Called once per SQL statement sent to the database (metrics: statements per request). */
  onQuery?: () => void;
}

export interface Database<C> {
  prisma: C;
  /** Raw SQL outside Prisma, search_path = the service schema. */
  runner: SqlRunner;
  mode: 'pg' | 'pglite';
  schema: string;
  /** Disconnects Prisma and ends the pool / closes PGlite. Idempotent. */
  close(): Promise<void>;
}

export async function openDatabase<C>(options: OpenDatabaseOptions<C>): Promise<Database<C>> {
  const schema = assertSchemaName(options.schema);
  if (!options.skipMigrations && !options.migrationsDir) throw new Error('openDatabase: migrationsDir is required unless skipMigrations');
  if (!options.url && !options.embeddedDir) throw new Error('openDatabase: give url (PostgreSQL) or embeddedDir (PGlite)');

  let runner: SqlRunner;
  let adapter: SqlDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let mode: Database<C>['mode'];

  if (options.url) {
    mode = 'pg';
    const pool = new Pool({ ...options.pool, connectionString: options.url, options: `-c search_path=${schema}` });
    pool.on('error', (error) => (options.log ?? console.error)(`pg pool (${schema}): ${error.message}`)); // idle-client errors must not crash the process
    if (options.onQuery) {
      const onQuery = options.onQuery;
      pool.on('connect', (client) => countCalls(client, 'query', onQuery));
    }
    runner = pgRunner(pool);
    adapter = new PrismaPg(pool, { schema });
    closeDriver = () => pool.end();
  } else {
    mode = 'pglite';
    if (!options.embeddedDir!.includes('://')) mkdirSync(options.embeddedDir!, { recursive: true });
    const db = await PGlite.create({ dataDir: options.embeddedDir });
    if (options.onQuery) {
      countCalls(db, 'query', options.onQuery);
      countCalls(db, 'exec', options.onQuery);
    }
    runner = pgliteRunner(db);
    adapter = pgliteAdapterFactory(db, { schema });
    closeDriver = async () => {
      if (!db.closed) await db.close();
    };
  }

  let prisma: C | undefined;
  let created = false;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      if (created) await (prisma as Partial<PrismaClientLike>).$disconnect?.();
    } finally {
      await closeDriver();
    }
  };

  try {
    if (!options.skipMigrations && options.migrationsDir) {
      await applyMigrations(runner, { schema, migrationsDir: options.migrationsDir, log: options.log });
      // Then the platform's own tables (outbox, processed events, audit, …): written once, in
      // infra/platform/prisma, for every service.
      if (!options.withoutPlatformTables) {
        await applyMigrations(runner, { schema, migrationsDir: PLATFORM_MIGRATIONS, historyTable: '_platform_migrations', log: options.log });
      }
      // Row-level security on every table with a tenant column, the service's own included
      // (tenant-isolation.ts): re-checked on every start, so new tables are never left open.
      await applyTenantIsolation(runner, schema);
    }
    // PGlite is one session: set it once (after the applier, which restores what it found).
    if (mode === 'pglite') await runner.query(`SELECT set_config('search_path', $1, false)`, [`"${schema}"`]);
    prisma = options.createClient(adapter);
    created = true;
  } catch (error) {
    await close();
    throw error;
  }
  return { prisma: prisma as C, runner, mode, schema, close };
}

/** Wraps a driver method so every call is counted (the statement count the bench reports). */
function countCalls<T extends object>(target: T, method: keyof T & string, onCall: () => void): void {
  const original = (target as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
  (target as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    onCall();
    return original.apply(this, args);
  };
}
