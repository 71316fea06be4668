import { tenantScopedClient, type ServiceDeps } from "@caregraph/platform";
import { now } from "@caregraph/platform/clock";
import type { PrismaClient } from "../generated/prisma/client";
import type { DocumentStore } from "./store";

/** How long after its upload link expired an upload never attached is kept (a day: time to ask why). */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Uploads never attached to the child's file, a day after their link expired: their bytes are
 * deleted from the store and the upload forgotten, so a file nobody filed does not sit on the
 * record unseen until the child's 75th birthday. Returns how many went. Safe on several replicas
 * (each upload is deleted once, under its row's lock).
 */
export async function sweepAbandonedUploads(deps: Pick<ServiceDeps<PrismaClient>, "db">, store: DocumentStore): Promise<number> {
  const before = new Date(now().getTime() - ABANDONED_AFTER_MS);
  const stale = await deps.db.$queryRawUnsafe<{ id: string; tenant: string }[]>(
    `SELECT id::text, tenant FROM children.document_upload WHERE attached_at IS NULL AND expires_at < $1::timestamptz`,
    before.toISOString(),
  );
  let swept = 0;
  for (const { id, tenant } of stale) {
    swept += await tenantScopedClient(deps.db, tenant).$transaction(async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ storage_key: string | null }[]>(
        `SELECT storage_key FROM children.document_upload WHERE id = $1::uuid AND attached_at IS NULL FOR UPDATE SKIP LOCKED`,
        id,
      );
      if (!row) return 0; // attached meanwhile, or another replica has it
      if (row.storage_key) await store.delete(tx, row.storage_key);
      await tx.$executeRawUnsafe(`DELETE FROM children.document_upload WHERE id = $1::uuid`, id);
      return 1;
    });
  }
  return swept;
}
