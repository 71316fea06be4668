import { childRecordErased, eraseChild, erasureLockKey, retainedUntil, ServiceDeps, tenantScopedClient } from "@caregraph/platform";
import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import type { PrismaClient } from "./generated/prisma/client";
import { eraseDocumentBytes } from "./documents/erase";
import { sweepAbandonedUploads } from "./documents/sweep";
import { documentStoreFrom } from "./documents/store";
import type { DocumentStore } from "./documents/store";
import { lockChild } from "./store";

/** How often the retention check runs (RETENTION_CHECK_INTERVAL_MS; default daily; 0 = off). */
export function retentionIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RETENTION_CHECK_INTERVAL_MS?.trim();
  if (!raw) return 86_400_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || (n !== 0 && n < 1000)) throw new RangeError(`RETENTION_CHECK_INTERVAL_MS must be 0 (off) or a whole number of milliseconds ≥ 1000; got "${raw}"`);
  return n;
}

/**
 * Erases every child whose record has been kept as long as the law asks (platform retention.ts:
 * the 75th birthday, per tenant), archived or not: its rows here, in the same transaction an audit
 * entry (which stays: ids, no content) and ChildRecordErased, which every other domain honours by
 * erasing its own rows. Safe to run twice or on several replicas (the row is gone for the second).
 */
export async function runRetentionCheck(deps: Pick<ServiceDeps<PrismaClient>, "db" | "recorder">, store: DocumentStore = documentStoreFrom()): Promise<number> {
  const on = today();
  const rows = await deps.db.$queryRawUnsafe<{ tenant: string; id: string; date_of_birth: string }[]>(
    `SELECT tenant, id::text, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM children.child`,
  );
  let erased = 0;
  for (const { tenant, id, date_of_birth } of rows) {
    const until: LocalDate = retainedUntil(tenant, date_of_birth);
    if (compareDates(until, on) > 0) continue;
    const db = tenantScopedClient(deps.db, tenant);
    erased += await db.$transaction(async (tx) => {
      // The erasure lock first, as every consumer takes it (shared) before any other: no deadlock.
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, erasureLockKey(id));
      await lockChild(tx, id);
      const still = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.child WHERE id = $1::uuid`, id);
      if (!still[0]?.n) return 0; // another replica got there first
      // The documents' bytes first (large objects are not rows with a child_id: eraseChild would leave them).
      const files = await eraseDocumentBytes(tx, store, id);
      const gone = await eraseChild(tx, "children", id, ["child"]);
      await deps.recorder.change(
        tx,
        { identity: { userId: "system:retention", roles: [], tenant }, operation: "retention" },
        { action: "child.erased", entity: "Child", entityId: id, childId: id, details: { retainedUntil: until, rowsErased: gone, filesErased: files }, events: [childRecordErased(id, until)] },
      );
      return 1;
    });
  }
  return erased;
}

/** Runs the check now and then every `intervalMs` (0 = never); returns a stop function. Errors are logged, not thrown. */
export function startRetentionCheck(deps: ServiceDeps<PrismaClient>, intervalMs = retentionIntervalMs()): () => void {
  if (intervalMs === 0) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const store = documentStoreFrom();
      const n = await runRetentionCheck(deps, store);
      if (n) deps.log.info({ erased: n }, "retention: children's records erased");
      const swept = await sweepAbandonedUploads(deps, store);
      if (swept) deps.log.info({ swept }, "retention: uploads never attached deleted");
    } catch (e) {
      deps.log.error({ err: e }, "retention check failed");
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
