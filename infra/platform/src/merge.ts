import { now } from "./clock";
import { quoteIdent, RawSql } from "./db-types";
import type { NewEvent } from "./events/envelope";
import { erasureLockKey } from "./retention";

/**
 * Duplicate records (issue 12): one child recorded twice is merged into one. Like retention, the
 * children domain decides and publishes one event (ChildrenMerged) that every domain honours in
 * its own schema with `mergeChild`: each row with child_id = the merged child moves to the kept
 * child and is remembered in `merged_row`, and the directory answers the merged id as the kept
 * child from then on (known_child.merged_into). `unmergeChild` (ChildrenUnmerged) moves exactly
 * the remembered rows back; rows recorded for the kept child since stay with it.
 */
export interface MergeInput {
  tenant: string;
  keepId: string;
  mergeId: string;
  /** The merge's own id (ChildrenMerged's payload.mergeEventId): what an unmerge names. */
  mergeEventId: string;
}

export interface MergeOptions {
  /**
   * Tables holding one history per child that cannot be interleaved (e.g. a chain of legal
   * statuses): when the kept child has any row there, none of the merged child's moves (the kept
   * record wins whole); when it has none, all of them move.
   */
  whole?: string[];
}

export interface MergeResult {
  /** False when this merge had already been applied in this schema (a redelivered event): nothing changed. */
  applied: boolean;
  /** Rows moved to the kept child, per table. */
  moved: Record<string, number>;
  /**
   * Rows left on the merged child. A table that allows one row per child (a unique constraint on
   * child_id, alone or with other columns) keeps the kept child's row: the kept record wins, and
   * the merged child's row stays where it was, never a failed merge. A row that refers (by
   * foreign key) to a row left behind stays with it. Reported so the audit entry names them.
   */
  left: { table: string; pk: Record<string, unknown> }[];
}

export interface UnmergeResult {
  applied: boolean;
  keepId: string | null;
  mergeId: string | null;
  /** Rows moved back to the merged child, per table. */
  restored: Record<string, number>;
  /** Rows the merge moved that are gone since (erased or deleted by their domain). */
  missing: number;
}

/** Never moved: the audit chain (append-only, as recorded) and the merge's own bookkeeping. */
const KEPT = new Set(["audit_entry", "audit_trail", "merged_row", "child_merge", "_platform_migrations", "_prisma_migrations"]);

/** Any identifier the catalogue returns, quoted (table and column names come from pg_catalog, not input). */
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The kept child's period of care as the children domain has it after the merge or unmerge (its
 * legal status history may have moved with it): every directory's copy follows it.
 */
export type KeptLookedAfterSince = string | null;

export const childrenMerged = (m: Omit<MergeInput, "tenant">, keptLookedAfterSince: KeptLookedAfterSince): NewEvent => ({
  // Keyed by the merged child: it follows that child's earlier events on the children topic, so every
  // domain has heard all of them (ChildRegistered first) before the merge.
  type: "ChildrenMerged",
  childId: m.mergeId,
  payload: { keepId: m.keepId, mergeId: m.mergeId, mergeEventId: m.mergeEventId, keptLookedAfterSince },
});

export const childrenUnmerged = (m: Omit<MergeInput, "tenant">, keptLookedAfterSince: KeptLookedAfterSince): NewEvent => ({
  type: "ChildrenUnmerged",
  childId: m.mergeId,
  payload: { keepId: m.keepId, mergeId: m.mergeId, mergeEventId: m.mergeEventId, keptLookedAfterSince },
});

/**
 * Both children's erasure locks, exclusively, in id order (no deadlock between two merges): every
 * consumed event about either child holds it shared (events/consumer.ts), so none interleaves.
 */
export async function lockForMerge(tx: RawSql, ...childIds: string[]): Promise<void> {
  for (const id of [...new Set(childIds.map((c) => c.toLowerCase()))].sort()) {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, erasureLockKey(id));
  }
}

interface ChildTable {
  name: string;
  /** child_id's type, to compare like with like (uuid in most tables). */
  type: string;
  pk: string[];
  hasTenant: boolean;
}
interface UniqueIndex {
  table_name: string;
  cols: string | null;
  pred: string | null;
}
interface ForeignKey {
  referencing: string;
  referenced: string;
  cols: string;
  refcols: string;
}

/** A column other than child_id that names a child (`linked_child_id`, `sibling_child_id`): a reference to follow. */
interface ChildReference {
  table: ChildTable;
  column: string;
}

async function childTables(tx: RawSql, schema: string): Promise<{ tables: ChildTable[]; references: ChildReference[]; uniques: UniqueIndex[]; fks: ForeignKey[] }> {
  const columns = await tx.$queryRawUnsafe<{ table_name: string; column_name: string; data_type: string }[]>(
    `SELECT c.table_name::text, c.column_name::text, c.udt_name::text AS data_type FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND (c.column_name IN ('child_id', 'tenant') OR c.column_name LIKE '%\\_child\\_id')`,
    schema,
  );
  const pks = await tx.$queryRawUnsafe<{ table_name: string; cols: string }[]>(
    `SELECT c.relname::text AS table_name, string_agg(a.attname::text, ',' ORDER BY k.ord) AS cols
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = $1 AND i.indisprimary GROUP BY c.relname`,
    schema,
  );
  const uniques = await tx.$queryRawUnsafe<UniqueIndex[]>(
    // Expression columns are left out: such an index is treated as conflicting on its plain columns (more rows stay, none fail).
    `SELECT c.relname::text AS table_name, string_agg(a.attname::text, ',' ORDER BY k.ord) AS cols, pg_get_expr(i.indpred, i.indrelid) AS pred
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum AND k.attnum > 0
      WHERE n.nspname = $1 AND i.indisunique GROUP BY c.relname, i.indexrelid, i.indpred, i.indrelid`,
    schema,
  );
  const fks = await tx.$queryRawUnsafe<ForeignKey[]>(
    `SELECT cl.relname::text AS referencing, fcl.relname::text AS referenced,
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS refcols
       FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class fcl ON fcl.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE con.contype = 'f' AND n.nspname = $1`,
    schema,
  );
  const tables: ChildTable[] = [];
  const references: ChildReference[] = [];
  for (const c of columns) {
    if (c.column_name === "tenant" || KEPT.has(c.table_name)) continue;
    const pk = pks.find((p) => p.table_name === c.table_name)?.cols.split(",") ?? [];
    if (!pk.length) throw new Error(`${schema}.${c.table_name} has a ${c.column_name} but no primary key: its rows cannot be merged and unmerged exactly`);
    const table = { name: c.table_name, type: c.data_type, pk, hasTenant: columns.some((t) => t.table_name === c.table_name && t.column_name === "tenant") };
    if (c.column_name === "child_id") tables.push(table);
    else references.push({ table, column: c.column_name });
  }
  // Referenced tables first: a dependent row moves only if the row it refers to did.
  const order: ChildTable[] = [];
  const visit = (t: ChildTable, seen: Set<string>) => {
    if (order.includes(t) || seen.has(t.name)) return;
    seen.add(t.name);
    for (const fk of fks) {
      const parent = tables.find((p) => p.name === fk.referenced);
      if (fk.referencing === t.name && parent && parent !== t) visit(parent, seen);
    }
    order.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return { tables: order, references, uniques, fks };
}

/** merged_row's table_name for a reference: `table.column` (child_id moves are recorded under the table alone). */
const referenceName = (r: ChildReference) => `${r.table.name}.${r.column}`;

/**
 * Points every other column naming the merged child (a family member linked to the child's
 * record, a sibling link) at the kept child, recording each row. A row that would then clash with
 * one already there (the same link twice) or name the row's own child (a child its own sibling)
 * stays as it is: the merged id still answers as the kept child.
 */
async function mergeReferences(tx: RawSql, schema: string, references: ChildReference[], m: MergeInput & { at: string }): Promise<Record<string, number>> {
  const s = quoteIdent(schema);
  const moved: Record<string, number> = {};
  for (const r of references) {
    const t = r.table;
    const col = q(r.column);
    const where = [`m.${col} = $1::${q(t.type)}`, ...(t.hasTenant ? [`m.tenant = $5::text`] : [])];
    if (t.pk.includes("child_id") || t.pk.includes(r.column)) {
      const same = t.pk.map((c) => (c === r.column ? `k.${q(c)} = $2::${q(t.type)}` : `k.${q(c)} = m.${q(c)}`)).join(" AND ");
      where.push(`NOT EXISTS (SELECT 1 FROM ${s}.${q(t.name)} k WHERE ${same})`);
    }
    const own = (await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'child_id'`, schema, t.name))[0]?.n;
    if (own) where.push(`m.child_id::text <> $2::text`);
    const n = await tx.$executeRawUnsafe(
      `WITH moved AS (UPDATE ${s}.${q(t.name)} AS m SET ${col} = $2::${q(t.type)} WHERE ${where.join(" AND ")} RETURNING ${pkJson(t, "m")} AS pk)
       INSERT INTO ${s}.merged_row (merge_event_id, tenant, table_name, pk, from_child_id, to_child_id, moved_at)
       SELECT $3::uuid, $5::text, $4::text, pk, $1::uuid, $2::uuid, $6::timestamptz FROM moved`,
      m.mergeId.toLowerCase(),
      m.keepId.toLowerCase(),
      m.mergeEventId,
      referenceName(r),
      m.tenant,
      m.at,
    );
    if (n) moved[referenceName(r)] = n;
  }
  return moved;
}

const pkJson = (t: ChildTable, alias: string) => `jsonb_build_object(${t.pk.map((c) => `'${c.replace(/'/g, "''")}', ${alias}.${q(c)}`).join(", ")})`;

/**
 * Moves every row of `schema` about the merged child to the kept child (see MergeResult for the
 * rows that stay), records each in merged_row, and points the directory's copy of the merged
 * child at the kept one. Idempotent: a merge already applied here changes nothing.
 */
export async function mergeChild(tx: RawSql, schema: string, m: MergeInput, options: MergeOptions = {}): Promise<MergeResult> {
  const s = quoteIdent(schema);
  const keepId = m.keepId.toLowerCase();
  const mergeId = m.mergeId.toLowerCase();
  if (keepId === mergeId) throw new Error("a child cannot be merged into itself");
  await lockForMerge(tx, keepId, mergeId);
  const at = now().toISOString();
  const first = await tx.$executeRawUnsafe(
    `INSERT INTO ${s}.child_merge (id, tenant, keep_id, merge_id, merged_at) VALUES ($1::uuid, $2, $3::uuid, $4::uuid, $5::timestamptz) ON CONFLICT (id) DO NOTHING`,
    m.mergeEventId,
    m.tenant,
    keepId,
    mergeId,
    at,
  );
  if (first === 0) return { applied: false, moved: {}, left: [] };
  const { tables, references, uniques, fks } = await childTables(tx, schema);
  const moved: Record<string, number> = {};
  const left: MergeResult["left"] = [];
  for (const t of tables) {
    const tq = `${s}.${q(t.name)}`;
    const id = (n: number) => `$${n}::${q(t.type)}`; // $1 merged child, $2 kept child
    const where = [`m.child_id = ${id(1)}`];
    if (t.hasTenant) where.push(`m.tenant = $5::text`);
    for (const u of uniques.filter((u) => u.table_name === t.name && u.cols?.split(",").includes("child_id"))) {
      const others = u.cols!.split(",").filter((c) => c !== "child_id");
      // Unqualified columns of the index predicate name the merged row outside, the kept row inside.
      where.push(
        `NOT (${u.pred ? `(${u.pred}) AND ` : ""}EXISTS (SELECT 1 FROM ${tq} k WHERE k.child_id = ${id(2)}${others.map((c) => ` AND k.${q(c)} = m.${q(c)}`).join("")}${u.pred ? ` AND (${u.pred})` : ""}))`,
      );
    }
    if (options.whole?.includes(t.name)) where.push(`NOT EXISTS (SELECT 1 FROM ${tq} k WHERE k.child_id = ${id(2)})`);
    for (const fk of fks.filter((f) => f.referencing === t.name && f.referenced !== t.name)) {
      const parent = tables.find((p) => p.name === fk.referenced);
      if (!parent) continue;
      const cols = fk.cols.split(",");
      const refcols = fk.refcols.split(",");
      where.push(
        `NOT EXISTS (SELECT 1 FROM ${s}.${q(parent.name)} p WHERE p.child_id = $1::${q(parent.type)}${cols.map((c, i) => ` AND p.${q(refcols[i]!)} = m.${q(c)}`).join("")})`,
      );
    }
    const n = await tx.$executeRawUnsafe(
      `WITH moved AS (UPDATE ${tq} AS m SET child_id = ${id(2)} WHERE ${where.join(" AND ")} RETURNING ${pkJson(t, "m")} AS pk)
       INSERT INTO ${s}.merged_row (merge_event_id, tenant, table_name, pk, from_child_id, to_child_id, moved_at)
       SELECT $3::uuid, $5::text, $4::text, pk, $1::uuid, $2::uuid, $6::timestamptz FROM moved`,
      mergeId,
      keepId,
      m.mergeEventId,
      t.name,
      m.tenant,
      at,
    );
    if (n) moved[t.name] = n;
    const stayed = await tx.$queryRawUnsafe<{ pk: Record<string, unknown> }[]>(
      `SELECT ${pkJson(t, "m")} AS pk FROM ${tq} m WHERE m.child_id = ${id(1)}${t.hasTenant ? " AND m.tenant = $2" : ""}`,
      mergeId,
      ...(t.hasTenant ? [m.tenant] : []),
    );
    left.push(...stayed.map((r) => ({ table: t.name, pk: r.pk })));
  }
  Object.assign(moved, await mergeReferences(tx, schema, references, { ...m, at }));
  // The directory: the merged id answers as the kept child (a row is made if this copy never heard of it).
  await tx.$executeRawUnsafe(`INSERT INTO ${s}.known_child (id, tenant) VALUES ($1::uuid, $2) ON CONFLICT (id) DO NOTHING`, mergeId, m.tenant);
  await tx.$executeRawUnsafe(`UPDATE ${s}.known_child SET merged_into = $2::uuid WHERE id = $1::uuid AND tenant = $3`, mergeId, keepId, m.tenant);
  // The merged child's placements moved: a kept child with no current placement now lives where the
  // merged one did (residential staff of that home see it). Allocations stay the kept child's own:
  // the children domain keeps its allocation history whole (services/children resolvers/Merge.ts).
  await tx.$executeRawUnsafe(
    `WITH took AS (
       UPDATE ${s}.known_child k SET placement_id = d.placement_id, home_urn = d.home_urn FROM ${s}.known_child d
        WHERE k.id = $1::uuid AND k.tenant = $3 AND d.id = $2::uuid AND k.placement_id IS NULL AND d.placement_id IS NOT NULL
       RETURNING k.placement_id)
     UPDATE ${s}.child_merge SET took_placement_id = (SELECT placement_id FROM took) WHERE id = $4::uuid`,
    keepId,
    mergeId,
    m.tenant,
    m.mergeEventId,
  );
  return { applied: true, moved, left };
}

/**
 * Undoes one merge in `schema`: exactly the rows it moved go back to the merged child (as they
 * stand now, changes since included); rows recorded for the kept child after the merge stay.
 * Idempotent: a merge not applied here, or already undone, changes nothing.
 */
export async function unmergeChild(tx: RawSql, schema: string, m: { tenant: string; mergeEventId: string }): Promise<UnmergeResult> {
  const s = quoteIdent(schema);
  const none: UnmergeResult = { applied: false, keepId: null, mergeId: null, restored: {}, missing: 0 };
  const find = async () =>
    (
      await tx.$queryRawUnsafe<{ keep_id: string; merge_id: string; unmerged: boolean; took: string | null }[]>(
        `SELECT keep_id::text, merge_id::text, unmerged_at IS NOT NULL AS unmerged, took_placement_id::text AS took FROM ${s}.child_merge WHERE id = $1::uuid AND tenant = $2`,
        m.mergeEventId,
        m.tenant,
      )
    )[0];
  const found = await find();
  if (!found) return none;
  await lockForMerge(tx, found.keep_id, found.merge_id);
  if ((await find())?.unmerged !== false) return none; // undone by another transaction meanwhile
  const at = now().toISOString();
  const { tables, references } = await childTables(tx, schema);
  const recorded = await tx.$queryRawUnsafe<{ table_name: string; n: number }[]>(
    `SELECT table_name, count(*)::int AS n FROM ${s}.merged_row WHERE merge_event_id = $1::uuid AND restored_at IS NULL GROUP BY table_name`,
    m.mergeEventId,
  );
  const restored: Record<string, number> = {};
  let missing = 0;
  for (const { table_name, n: count } of recorded) {
    // A row moved by its child_id is recorded under its table; one whose other column named the child, under table.column.
    const ref = references.find((x) => referenceName(x) === table_name);
    const t = ref?.table ?? tables.find((x) => x.name === table_name);
    const col = q(ref?.column ?? "child_id");
    let n = 0;
    if (t) {
      n = await tx.$executeRawUnsafe(
        `WITH back AS (
           UPDATE ${s}.${q(t.name)} AS m SET ${col} = r.from_child_id::text::${q(t.type)} FROM ${s}.merged_row r
            WHERE r.merge_event_id = $1::uuid AND r.table_name = $2::text AND r.restored_at IS NULL
              AND m.${col}::text = r.to_child_id::text AND ${pkJson(t, "m")} = r.pk
           RETURNING r.pk)
         UPDATE ${s}.merged_row r SET restored_at = $3::timestamptz FROM back WHERE r.merge_event_id = $1::uuid AND r.table_name = $2::text AND r.pk = back.pk`,
        m.mergeEventId,
        table_name,
        at,
      );
    }
    if (n) restored[table_name] = n;
    missing += count - n;
  }
  await tx.$executeRawUnsafe(`UPDATE ${s}.known_child SET merged_into = NULL WHERE id = $1::uuid AND merged_into = $2::uuid`, found.merge_id, found.keep_id);
  // The placement the kept child took goes back with it (unless it has moved on since).
  if (found.took) {
    await tx.$executeRawUnsafe(`UPDATE ${s}.known_child SET placement_id = NULL, home_urn = NULL WHERE id = $1::uuid AND placement_id = $2::uuid`, found.keep_id, found.took);
  }
  await tx.$executeRawUnsafe(`UPDATE ${s}.child_merge SET unmerged_at = $2::timestamptz WHERE id = $1::uuid`, m.mergeEventId, at);
  return { applied: true, keepId: found.keep_id, mergeId: found.merge_id, restored, missing };
}

/** The child a merged id answers as (null: not merged), as this schema's directory knows it. */
export async function mergedInto(tx: RawSql, schema: string, childId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(childId)) return null;
  const rows = await tx.$queryRawUnsafe<{ merged_into: string | null }[]>(
    `SELECT merged_into::text FROM ${quoteIdent(schema)}.known_child WHERE id = $1::uuid`,
    childId,
  );
  return rows[0]?.merged_into ?? null;
}
