import type { RawSql } from "../db-types";
import { markedColumns, type EncryptedColumn } from "../crypto/columns";

/** The columns marked 'caregraph:encrypted' in a service's schema, read through its Prisma client. */
export function markedColumnsVia(db: RawSql, schema: string): Promise<EncryptedColumn[]> {
  const runner = {
    query: <R>(sql: string, params: readonly unknown[] = []) => db.$queryRawUnsafe<R[]>(sql, ...params),
  };
  return markedColumns(runner as never, schema);
}

/** Anywhere outside the domain tables a clear text could leak to: outbox payloads (events, audit copies) and audit details. */
export async function clearTextOutsideColumns(db: RawSql, schema: string, texts: string[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ where: string; text: string }[]>(
    `SELECT 'outbox_event ' || id::text AS "where", envelope::text AS text FROM "${schema}".outbox_event
      UNION ALL SELECT 'audit_entry ' || seq::text, coalesce(details::text, '') FROM "${schema}".audit_entry`,
  );
  return rows.filter((r) => texts.some((t) => r.text.includes(t))).map((r) => r.where);
}
