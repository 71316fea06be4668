/**
 * The smallest SQL surface platform code needs outside Prisma (migrations, outbox/inbox
 * plumbing), with one implementation over `pg` and one over PGlite, so the same code runs
 * against real PostgreSQL and the embedded database.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase, Pool } from 'pg';

export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** One statement with $1-style parameters; rows as objects. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * A script of one or more statements sent as ONE simple-protocol query: Postgres runs it as an
   * implicit transaction (all or nothing) unless the script itself contains BEGIN/COMMIT.
   */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` on one dedicated connection, for session state: advisory locks, SET.
   * (A pool hands every call a possibly different connection.)
   */
  session<T>(fn: (conn: SqlRunner) => Promise<T>): Promise<T>;
}

/** Postgres identifiers we accept as service schema names: no quoting problems anywhere. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
  }
  return schema;
}

function clientRunner(client: ClientBase): SqlRunner {
  const runner: SqlRunner = {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]) {
      return (await client.query<R>(sql, params ? [...params] : undefined)).rows;
    },
    async exec(script) {
      await client.query(script); // no parameters → simple query protocol, multi-statement allowed
    },
    session: (fn) => fn(runner),
  };
  return runner;
}

/** Runner over a pg Pool; `session` checks out one client for its duration. */
export function pgRunner(pool: Pool): SqlRunner {
  return {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]) {
      return (await pool.query<R>(sql, params ? [...params] : undefined)).rows;
    },
    async exec(script) {
      await pool.query(script);
    },
    async session(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await fn(clientRunner(client));
      } catch (error) {
        // A connection left mid-way (e.g. holding a session lock) must not go back to the pool.
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Runner over PGlite: a single connection, so `session` is the runner itself. */
export function pgliteRunner(db: PGlite): SqlRunner {
  const runner: SqlRunner = {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]) {
      return (await db.query<R>(sql, params ? [...params] : undefined)).rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    session: (fn) => fn(runner),
  };
  return runner;
}
