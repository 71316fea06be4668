/**
 * `npm run audit:verify`: walks every service's audit chain (per schema, in seq order) and reports
 * the first broken link: an entry whose prev_hash is not the previous entry's hash (an entry
 * deleted or re-ordered) or whose hash does not match its columns (an entry edited). The database
 * refuses UPDATE/DELETE on audit_entry, so a broken link means someone bypassed it (a superuser
 * disabling triggers, a restore from a doctored dump, disk edits).
 *
 * Reads as the login role: the chain spans tenants (row-level security would hide the others).
 */
import { PGlite } from "@electric-sql/pglite";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Pool } from "pg";
import { auditEntryOf, auditHash, type AuditRow } from "../records";
import { assertSchemaName, pgliteRunner, pgRunner, type SqlRunner } from "../db/runner";

export interface ChainReport {
  /** Service schema (one chain each). */
  schema: string;
  entries: number;
  /** The first broken link, or null when the whole chain holds. */
  broken: { seq: string; reason: string } | null;
}

export async function verifyAuditChain(runner: SqlRunner, schema: string): Promise<ChainReport> {
  const s = `"${assertSchemaName(schema)}"`;
  const rows = await runner.query<AuditRow & Record<string, unknown>>(
    `SELECT seq::text AS seq, at, tenant, actor, action, entity, entity_id, child_id, request_id, details, kind, role, operation, child_ids, fields, prev_hash, hash
       FROM ${s}.audit_entry ORDER BY audit_entry.seq`,
  );
  let prev = "";
  for (const row of rows) {
    const seq = String(row.seq);
    if (row.prev_hash !== prev) return { schema, entries: rows.length, broken: { seq, reason: "prev_hash is not the previous entry's hash (an entry before it was removed or altered)" } };
    if (auditHash(prev, auditEntryOf(row)) !== row.hash) return { schema, entries: rows.length, broken: { seq, reason: "hash does not match the entry (the entry was edited)" } };
    prev = row.hash;
  }
  return { schema, entries: rows.length, broken: null };
}

/** Every schema on the server that has an audit_entry table. */
export async function verifyDatabase(runner: SqlRunner): Promise<ChainReport[]> {
  const schemas = await runner.query<{ schema: string }>(
    `SELECT table_schema::text AS schema FROM information_schema.tables WHERE table_name = 'audit_entry' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const reports: ChainReport[] = [];
  for (const { schema } of schemas) reports.push(await verifyAuditChain(runner, schema));
  return reports;
}

/** DATABASE_URL (one server, every service schema) or the embedded data dir (one PGlite per service). */
export async function verifyAll(where: { url: string } | { dataDir: string }): Promise<ChainReport[]> {
  if ("url" in where) {
    const pool = new Pool({ connectionString: where.url, max: 1 });
    try {
      return await verifyDatabase(pgRunner(pool));
    } finally {
      await pool.end();
    }
  }
  if (!existsSync(where.dataDir)) throw new Error(`no embedded data at ${where.dataDir} (set DATABASE_URL or CAREGRAPH_DATA_DIR)`);
  const reports: ChainReport[] = [];
  for (const name of readdirSync(where.dataDir).sort()) {
    const dir = path.join(where.dataDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const db = await PGlite.create({ dataDir: dir });
    try {
      reports.push(...(await verifyDatabase(pgliteRunner(db))));
    } finally {
      await db.close();
    }
  }
  return reports;
}

export function formatReports(reports: ChainReport[]): string {
  return reports
    .map((r) => (r.broken ? `${r.schema}: BROKEN at seq ${r.broken.seq} (${r.broken.reason}); ${r.entries} entries` : `${r.schema}: ok, ${r.entries} entries`))
    .join("\n");
}
