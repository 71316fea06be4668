import { quoteIdent, type RawSql } from "@caregraph/platform";
import type { DocumentStore } from "./store";

/**
 * Bytes as PostgreSQL large objects (lo_from_bytea / lo_get / lo_unlink), one per key, the oid
 * kept in `document_blob` (tenant column: row-level security like every table). Works the same on
 * the embedded PGlite (`npm start`): its backend has the large-object functions. The large object
 * is owned by the role that wrote it (caregraph_app for requests and the retention job alike), so
 * the same role can read and unlink it.
 */
export function postgresDocumentStore(schema: string): DocumentStore {
  const table = `${quoteIdent(schema)}.document_blob`;
  return {
    kind: "postgres-large-objects",
    async put(sql, key, bytes) {
      await sql.$executeRawUnsafe(
        `INSERT INTO ${table} (key, tenant, oid) VALUES ($1, current_setting('caregraph.tenant', true), lo_from_bytea(0, $2::bytea)::bigint)`,
        key,
        bytes,
      );
    },
    async get(sql, key) {
      const rows = await sql.$queryRawUnsafe<{ bytes: Uint8Array }[]>(`SELECT lo_get(oid::oid) AS bytes FROM ${table} WHERE key = $1`, key);
      const bytes = rows[0]?.bytes;
      return bytes ? Buffer.from(bytes) : null;
    },
    async delete(sql, key) {
      await sql.$queryRawUnsafe(`SELECT lo_unlink(oid::oid)::text FROM ${table} WHERE key = $1`, key);
      await sql.$executeRawUnsafe(`DELETE FROM ${table} WHERE key = $1`, key);
    },
  };
}

/** How many large objects the store's table points at (tests, diagnostics). */
export async function largeObjectCount(sql: RawSql, schema = "children"): Promise<number> {
  const rows = await sql.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.document_blob b JOIN pg_largeobject_metadata m ON m.oid = b.oid::oid`,
  );
  return rows[0]?.n ?? 0;
}
