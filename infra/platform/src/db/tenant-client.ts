/**
 * A request's (or a consumed event's) view of the service's Prisma client: every database call
 * made through it runs in a transaction that first sets `caregraph.tenant` and the role
 * `caregraph_app` (SET LOCAL, see tenant-isolation.ts), so PostgreSQL's row-level security
 * applies even where a query forgets `where: { tenant }`.
 *
 * - `$transaction(async (tx) => …)`: one extra statement at its start (the set_config).
 * - a call outside a transaction (`db.child.findMany(…)`, `db.$queryRawUnsafe(…)`): becomes a
 *   batch transaction [set_config, the call] — BEGIN, set_config, the query, COMMIT: three extra
 *   statements per call.
 * The array form `$transaction([…])` is refused (nothing uses it; its items could not be scoped).
 * A Proxy rather than a Prisma client extension keeps each service's generated types untouched
 * and hands interactive transactions the plain transaction client (no per-call hook inside).
 */
import { SET_TENANT_SQL } from './tenant-isolation';

type AnyFn = (...args: unknown[]) => unknown;
interface BatchClient {
  $transaction(items: unknown[], options?: unknown): Promise<unknown[]>;
  $executeRawUnsafe(query: string, ...values: unknown[]): unknown;
}
interface InteractiveClient {
  $transaction<R>(fn: (tx: RawTx) => Promise<R>, options?: unknown): Promise<R>;
}
interface RawTx {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
const scopedClients = new WeakMap<object, string>();

/** The tenant a scoped client was made for (tests and diagnostics). */
export function tenantOf(client: object): string | undefined {
  return scopedClients.get(client);
}

export function tenantScopedClient<C extends object>(client: C, tenant: string): C {
  const base = client as unknown as BatchClient & InteractiveClient & Record<string, unknown>;
  const scoped = (call: () => unknown): Promise<unknown> =>
    base.$transaction([base.$executeRawUnsafe(SET_TENANT_SQL, tenant), call()]).then((results) => results[1]);

  const delegates = new Map<string, unknown>();
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === '$transaction') {
        return (fn: unknown, options?: unknown) => {
          if (typeof fn !== 'function') throw new Error('tenant-scoped client: use $transaction(async (tx) => …), not the array form');
          return base.$transaction(async (tx: RawTx) => {
            await tx.$executeRawUnsafe(SET_TENANT_SQL, tenant);
            return (fn as (tx: RawTx) => Promise<unknown>)(tx);
          }, options);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string') return value;
      if (RAW.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) => scoped(() => (value as AnyFn).apply(target, args));
      }
      // A model delegate (db.child, db.healthAssessment…): wrap each of its operations.
      if (!prop.startsWith('$') && !prop.startsWith('_') && value && typeof value === 'object' && typeof (value as Record<string, unknown>).findMany === 'function') {
        let delegate = delegates.get(prop);
        if (!delegate) {
          delegate = new Proxy(value, {
            get(d, op, r) {
              const fn = Reflect.get(d, op, r) as unknown;
              if (typeof fn !== 'function') return fn;
              return (...args: unknown[]) => scoped(() => (fn as AnyFn).apply(d, args));
            },
          });
          delegates.set(prop, delegate);
        }
        return delegate;
      }
      return value;
    },
  });
  scopedClients.set(proxy, tenant);
  return proxy;
}
