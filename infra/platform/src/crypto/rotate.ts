/**
 * `npm run keys:rotate`: every value in a marked column (columns.ts) that is not sealed with the
 * current key — sealed with an older key, or legacy clear text — is sealed again with the current
 * key. Batches of rows, one autocommitted UPDATE per row, guarded by the old value
 * (`WHERE id = $id AND col = $old`): a running service that wrote the row meanwhile keeps its
 * write (counted as changed meanwhile; running again picks it up if it still needs it). Services
 * keep working throughout because they hold the old and the new keys.
 *
 * Runs as the login role, like `npm run audit:verify`: it spans tenants (row-level security would
 * hide the others), so that role must own the tables and bypass RLS (superuser or BYPASSRLS).
 */
import { PGlite } from "@electric-sql/pglite";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Pool } from "pg";
import { pgliteRunner, pgRunner, type SqlRunner } from "../db/runner";
import { markedColumns, placeOf, type EncryptedColumn } from "./columns";
import { FieldEncryptionError, isSealed, openField, sealField } from "./field";
import { auditRotation } from "./rotate-audit";
import type { Keyring } from "./keyring";

export interface ColumnRotation {
  /** schema.table.column */
  column: string;
  /** Values sealed again with the current key. */
  resealed: number;
  /** Of those, how many were legacy clear text. */
  wereClear: number;
  /** Rows a running service changed between our read and our write (left as that service wrote them). */
  changedMeanwhile: number;
  /** Values no key in the keyring opens (unknown key id or altered): left as they are. */
  unreadable: number;
  /** Re-sealed values per local authority (tables with a tenant column): what each one's audit entry counts. */
  resealedByTenant: Record<string, number>;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

export async function rotateColumn(runner: SqlRunner, c: EncryptedColumn, keyring: Keyring, batchSize = 200): Promise<ColumnRotation> {
  const report: ColumnRotation = { column: `${c.schema}.${c.table}.${c.column}`, resealed: 0, wereClear: 0, changedMeanwhile: 0, unreadable: 0, resealedByTenant: {} };
  const t = `"${c.schema}"."${c.table}"`;
  const [id, col] = [`"${c.idColumn}"`, `"${c.column}"`];
  const tenant = (await hasTenant(runner, c)) ? "tenant" : "NULL::text";
  const current = `enc:v1:${likeEscape(keyring.currentId)}:%`;
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; value: string; tenant: string | null }[] = await runner.query(
      `SELECT ${id}::text AS id, ${col} AS value, ${tenant} AS tenant FROM ${t}
        WHERE ${col} IS NOT NULL AND ${col} NOT LIKE $1${after === null ? "" : ` AND ${id} > $3`}
        ORDER BY ${id} LIMIT $2`,
      after === null ? [current, batchSize] : [current, batchSize, after],
    );
    for (const row of rows) {
      const place = placeOf(c, row.id);
      let clear: string;
      try {
        clear = openField(place, row.value, keyring);
      } catch (error) {
        if (!(error instanceof FieldEncryptionError)) throw error;
        report.unreadable++;
        continue;
      }
      const updated = await runner.query(`UPDATE ${t} SET ${col} = $1 WHERE ${id} = $2 AND ${col} = $3 RETURNING 1`, [
        sealField(place, clear, keyring),
        row.id,
        row.value,
      ]);
      if (!updated.length) report.changedMeanwhile++;
      else {
        report.resealed++;
        if (!isSealed(row.value)) report.wereClear++;
        if (row.tenant !== null) report.resealedByTenant[row.tenant] = (report.resealedByTenant[row.tenant] ?? 0) + 1;
      }
    }
    if (rows.length < batchSize) return report;
    after = rows[rows.length - 1]!.id;
  }
}

async function hasTenant(runner: SqlRunner, c: EncryptedColumn): Promise<boolean> {
  const rows = await runner.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'tenant'`, [c.schema, c.table]);
  return rows.length > 0;
}

/** Every marked column on the server (every service schema); each re-sealing in its service's audit trail. */
export async function rotateDatabase(runner: SqlRunner, keyring: Keyring, batchSize?: number): Promise<ColumnRotation[]> {
  const reports: ColumnRotation[] = [];
  for (const c of await markedColumns(runner)) reports.push(await rotateColumn(runner, c, keyring, batchSize));
  await auditRotation(runner, reports, keyring.currentId);
  return reports;
}

/** DATABASE_URL (one server, every service schema) or the embedded data dir (one PGlite per service). */
export async function rotateAll(where: { url: string } | { dataDir: string }, keyring: Keyring): Promise<ColumnRotation[]> {
  if ("url" in where) {
    const pool = new Pool({ connectionString: where.url, max: 1 });
    try {
      return await rotateDatabase(pgRunner(pool), keyring);
    } finally {
      await pool.end();
    }
  }
  if (!existsSync(where.dataDir)) throw new Error(`no embedded data at ${where.dataDir} (set DATABASE_URL or CAREGRAPH_DATA_DIR)`);
  const reports: ColumnRotation[] = [];
  for (const name of readdirSync(where.dataDir).sort()) {
    const dir = path.join(where.dataDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const db = await PGlite.create({ dataDir: dir });
    try {
      reports.push(...(await rotateDatabase(pgliteRunner(db), keyring)));
    } finally {
      await db.close();
    }
  }
  return reports;
}

export function formatRotation(reports: ColumnRotation[], currentId: string): string {
  if (!reports.length) return "no encrypted columns found";
  const lines = reports.map(
    (r) => `${r.column}: ${r.resealed} re-sealed with key ${currentId} (${r.wereClear} were clear text), ${r.changedMeanwhile} changed meanwhile, ${r.unreadable} unreadable`,
  );
  if (reports.some((r) => r.changedMeanwhile)) lines.push("rows changed meanwhile were left as the service wrote them: run again to re-check them");
  if (reports.some((r) => r.unreadable)) lines.push("unreadable values: their key is not in FIELD_ENCRYPTION_KEYS, or they were altered; keep the old key until they are resolved");
  return lines.join("\n");
}
