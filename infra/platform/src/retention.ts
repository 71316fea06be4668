import { birthday, LocalDate } from "./calendar";
import { now } from "./clock";
import { quoteIdent, RawSql } from "./db-types";
import type { NewEvent } from "./events/envelope";

/**
 * Retention of a looked-after child's record: kept until the 75th birthday (the Children's Homes
 * and Fostering regulations' "75 years from the date of birth" as local authorities apply it to
 * the whole case record; not verified here), then erased everywhere. Per tenant:
 * RETENTION_YEARS="75" or "75,E09000027=80" (a default, then tenant overrides).
 */
export function retentionYears(tenant: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RETENTION_YEARS?.trim();
  let years = 75;
  for (const part of raw ? raw.split(",") : []) {
    const [key, value] = part.includes("=") ? part.split("=") : [undefined, part];
    const n = Number(value?.trim());
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`RETENTION_YEARS must be whole years, e.g. "75,E09000027=80"; got "${raw}"`);
    if (key === undefined) years = n;
    else if (key.trim() === tenant) return n;
  }
  return years;
}

/** The day a child's record is erased. */
export const retainedUntil = (tenant: string, dateOfBirth: LocalDate, env?: NodeJS.ProcessEnv): LocalDate => birthday(dateOfBirth, retentionYears(tenant, env));

/** The event every domain honours: erase everything held about the child. */
export const childRecordErased = (childId: string, retainedUntilDate: LocalDate): NewEvent => ({
  type: "ChildRecordErased",
  childId,
  payload: { retainedUntil: retainedUntilDate },
});

/** The advisory lock an erasure holds exclusively and every consumed event about the child shares. */
export const erasureLockKey = (childId: string) => `erasure:${childId.toLowerCase()}`;

/** Tables whose rows are never erased: the audit chain is append-only (ids and field names, no content). */
const KEPT = new Set(["audit_entry", "_platform_migrations", "_prisma_migrations"]);

/**
 * Erases every row about one child in a service's schema: each table with a `child_id` column (in
 * an order foreign keys allow: a referencing table before the one it references), the directory's
 * copy of the child, and `byId` tables keyed by the child's own id. Returns the rows erased.
 */
export async function eraseChild(tx: RawSql, schema: string, childId: string, byId: string[] = []): Promise<number> {
  const s = quoteIdent(schema);
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, erasureLockKey(childId));
  const tables = (
    await tx.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = $1 AND c.column_name = 'child_id' AND t.table_type = 'BASE TABLE'`,
      schema,
    )
  )
    .map((r) => r.table_name)
    .filter((t) => !KEPT.has(t));
  const edges = await tx.$queryRawUnsafe<{ referencing: string; referenced: string }[]>(
    `SELECT cl.relname AS referencing, fcl.relname AS referenced FROM pg_constraint con
       JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class fcl ON fcl.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE con.contype = 'f' AND n.nspname = $1`,
    schema,
  );
  const all = [...tables, ...byId, ...(await hasTable(tx, schema, "known_child") ? ["known_child"] : [])];
  const order: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (order.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const e of edges) if (e.referenced === t && e.referencing !== t && all.includes(e.referencing)) visit(e.referencing, seen);
    order.push(t);
  };
  for (const t of all) visit(t, new Set());
  let erased = 0;
  for (const t of order) {
    const column = tables.includes(t) ? "child_id" : "id";
    erased += await tx.$executeRawUnsafe(`DELETE FROM ${s}.${quoteIdent(t)} WHERE ${column} = $1::uuid`, childId);
  }
  // Remembered, so a late event about the child is dropped (events/consumer.ts), never re-creating rows.
  await tx.$executeRawUnsafe(
    `INSERT INTO ${s}.erased_child (id, tenant, erased_at) SELECT $1::uuid, current_setting('caregraph.tenant', true), $2::timestamptz ON CONFLICT DO NOTHING`,
    childId,
    now().toISOString(),
  );
  // Events already published carry dates and codes about the child; the audit trail's copies stay.
  if (await hasTable(tx, schema, "outbox_event")) {
    await tx.$executeRawUnsafe(`DELETE FROM ${s}.outbox_event WHERE key = $1 AND published_at IS NOT NULL AND topic <> 'caregraph.audit'`, childId);
  }
  return erased;
}

async function hasTable(tx: RawSql, schema: string, table: string): Promise<boolean> {
  const r = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, schema, table);
  return (r[0]?.n ?? 0) > 0;
}
