import type { Prisma } from "../generated/prisma/client";
import type { DocumentStore } from "./store";

/**
 * Erasure of a child's documents' bytes (retention.ts): every stored file of every version and of
 * every upload not attached (yet or ever), deleted from the store inside the erasure's
 * transaction. The rows themselves go with the rest of the child's rows (platform eraseChild).
 */
export async function eraseDocumentBytes(tx: Prisma.TransactionClient, store: DocumentStore, childId: string): Promise<number> {
  const versions = await tx.documentVersion.findMany({ where: { childId }, select: { storageKey: true } });
  const uploads = await tx.documentUpload.findMany({ where: { childId, storageKey: { not: null } }, select: { storageKey: true } });
  const keys = new Set([...versions.map((v) => v.storageKey), ...uploads.map((u) => u.storageKey!)]);
  for (const key of keys) await store.delete(tx, key);
  return keys.size;
}
