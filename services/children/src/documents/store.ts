import type { RawSql } from "@caregraph/platform";
import { postgresDocumentStore } from "./pg-store";
import { s3DocumentStore, parseObjectStoreUrl } from "./s3-store";

/**
 * Where documents' bytes are kept, behind one interface: PostgreSQL large objects (the default,
 * embedded PGlite included) or S3-compatible object storage when OBJECT_STORE_URL is set.
 * Keys are chosen by the caller ("<tenant>/<child>/<upload id>") and never reused.
 *
 * Each call is handed the transaction its record is written in: the PostgreSQL store writes the
 * bytes in it (they commit or roll back with the record); an object store ignores it (its PUT is
 * done before the commit, its DELETE just before an erasure commits — a failed commit leaves at
 * worst an orphan object or a record already being erased, never a record without its bytes).
 */
export interface DocumentStore {
  readonly kind: "postgres-large-objects" | "s3";
  put(sql: RawSql, key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when nothing is kept under the key. */
  get(sql: RawSql, key: string): Promise<Buffer | null>;
  /** Gone afterwards (deleting a missing key is not an error). */
  delete(sql: RawSql, key: string): Promise<void>;
}

/** The store the environment asks for: OBJECT_STORE_URL (s3://…) or PostgreSQL large objects. */
export function documentStoreFrom(env: NodeJS.ProcessEnv = process.env, schema = "children"): DocumentStore {
  const url = env.OBJECT_STORE_URL?.trim();
  return url ? s3DocumentStore(parseObjectStoreUrl(url)) : postgresDocumentStore(schema);
}
