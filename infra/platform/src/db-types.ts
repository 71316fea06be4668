/**
 * The slice of a Prisma client (or transaction client) the platform needs. Each service has its
 * own generated client; the platform talks to the tables it owns in every service's schema
 * (outbox, processed events, audit) through raw SQL only.
 */
export interface RawSql {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionalDb<Tx extends RawSql = RawSql> extends RawSql {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

/** A trusted identifier (a schema name from configuration), quoted for SQL. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}
