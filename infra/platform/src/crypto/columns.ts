/**
 * The registry of encrypted columns. Each service declares its own (src/encrypted-fields.ts) and
 * marks the same columns in its migrations with
 *   COMMENT ON COLUMN "<table>"."<column>" IS 'caregraph:encrypted id=<id column>';
 * so `npm run keys:rotate` finds them in the database (pg_description) without importing any
 * service code. A test in each service checks that the declaration and the markers agree.
 */
import { assertSchemaName, type SqlRunner } from "../db/runner";
import { openField, sealField, type FieldPlace } from "./field";

export interface EncryptedColumn {
  schema: string;
  table: string;
  column: string;
  /** The row's key column (part of each value's authenticated data). */
  idColumn: string;
}

/** A declared column, with seal/open bound to its place. */
export interface SealedColumn extends EncryptedColumn {
  seal(id: string, plaintext: string): string;
  seal(id: string, plaintext: string | null): string | null;
  open(id: string, stored: string): string;
  open(id: string, stored: string | null): string | null;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
const MARKER = /^caregraph:encrypted(?: id=([a-z_][a-z0-9_]{0,62}))?$/;

export const placeOf = (c: EncryptedColumn, id: string): FieldPlace => ({ schema: c.schema, table: c.table, column: c.column, id });

/** A service's declaration: `encryptedColumns("health", { note: { table: "health_assessment", column: "note" } })`. */
export function encryptedColumns<K extends string>(
  schema: string,
  columns: Record<K, { table: string; column: string; idColumn?: string }>,
): Record<K, SealedColumn> {
  assertSchemaName(schema);
  const out = {} as Record<K, SealedColumn>;
  for (const name of Object.keys(columns) as K[]) {
    const { table, column, idColumn = "id" } = columns[name];
    for (const ident of [table, column, idColumn]) if (!IDENT.test(ident)) throw new Error(`invalid identifier ${JSON.stringify(ident)}`);
    const c: EncryptedColumn = { schema, table, column, idColumn };
    out[name] = {
      ...c,
      seal: ((id: string, plaintext: string | null) => sealField(placeOf(c, id), plaintext)) as SealedColumn["seal"],
      open: ((id: string, stored: string | null) => openField(placeOf(c, id), stored)) as SealedColumn["open"],
    };
  }
  return out;
}

/** The migration statement that marks a column (what services put in their migration.sql). */
export const markerStatement = (c: { table: string; column: string; idColumn: string }): string =>
  `COMMENT ON COLUMN "${c.table}"."${c.column}" IS 'caregraph:encrypted id=${c.idColumn}';`;

/** Every column marked encrypted in the database (optionally in one schema), in a stable order. */
export async function markedColumns(runner: SqlRunner, schema?: string): Promise<EncryptedColumn[]> {
  const rows = await runner.query<{ schema: string; table: string; column: string; marker: string }>(
    `SELECT n.nspname::text AS schema, c.relname::text AS "table", a.attname::text AS "column", d.description AS marker
       FROM pg_description d
       JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
      WHERE d.objsubid > 0 AND d.description LIKE 'caregraph:encrypted%' AND c.relkind = 'r'
        AND ($1::text IS NULL OR n.nspname = $1)
      ORDER BY 1, 2, 3`,
    [schema ?? null],
  );
  return rows.flatMap((r) => {
    const m = MARKER.exec(r.marker.trim());
    if (!m || !IDENT.test(r.schema) || !IDENT.test(r.table) || !IDENT.test(r.column)) {
      throw new Error(`${r.schema}.${r.table}.${r.column}: unreadable encryption marker ${JSON.stringify(r.marker)} (want 'caregraph:encrypted id=<column>')`);
    }
    return [{ schema: r.schema, table: r.table, column: r.column, idColumn: m[1] ?? "id" }];
  });
}
