/**
 * keys:rotate touches special category data of every local authority, so each service's audit
 * trail says so: one entry per service schema and tenant whose values were re-sealed
 * (action `fields.resealed`, entity EncryptionKey = the new key's id, the columns and counts in
 * the details — never a value). Written by the platform's one recorder, in the service's hash
 * chain, so `npm run audit:verify` still holds. No child is named: the entry is the tenant's,
 * not in any child's trail.
 */
import type { RawSql } from "../db-types";
import type { Domain } from "../events/topics";
import { createRecorder } from "../records";
import type { SqlRunner } from "../db/runner";
import type { ColumnRotation } from "./rotate";

export const ROTATION_ACTOR = "system:keys-rotate";

export async function auditRotation(runner: SqlRunner, reports: ColumnRotation[], keyId: string): Promise<void> {
  const bySchema = new Map<string, Map<string, Record<string, number>>>();
  for (const r of reports) {
    const [schema, table, column] = r.column.split(".") as [string, string, string];
    for (const [tenant, n] of Object.entries(r.resealedByTenant)) {
      const tenants = bySchema.get(schema) ?? new Map<string, Record<string, number>>();
      bySchema.set(schema, tenants);
      tenants.set(tenant, { ...tenants.get(tenant), [`${table}.${column}`]: n });
    }
  }
  for (const [schema, tenants] of bySchema) {
    // A schema without the platform's audit table is not a service's (nothing to write to).
    const [found] = await runner.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`"${schema}".audit_entry`]);
    if (!found?.t) continue;
    const recorder = createRecorder(schema.replace(/_/g, "-") as Domain, schema);
    await runner.session(async (conn) => {
      await conn.exec("BEGIN");
      try {
        for (const [tenant, columns] of tenants) {
          await recorder.change(rawSql(conn), { identity: { tenant, userId: ROTATION_ACTOR, roles: [] } }, {
            action: "fields.resealed",
            entity: "EncryptionKey",
            entityId: keyId,
            details: { columns },
          });
        }
        await conn.exec("COMMIT");
      } catch (error) {
        await conn.exec("ROLLBACK");
        throw error;
      }
    });
  }
}

/** The recorder's slice of a Prisma client over a plain connection (row counts are not needed here). */
function rawSql(conn: SqlRunner): RawSql {
  return {
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await conn.query(sql, values)) as T,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await conn.query(sql, values)).length,
  };
}
