import type { KnownChild } from "@caregraph/platform";
import type { ImmigrationStatusRecord, Prisma, UascRecord } from "./generated/prisma/client";

export type Tx = Prisma.TransactionClient;

/** History order: by the day each status took effect, then the order recorded (the last is current). */
export const STATUS_ORDER: Prisma.ImmigrationStatusRecordOrderByWithRelationInput[] = [{ effectiveOn: "asc" }, { seq: "asc" }];
const LATEST_FIRST: Prisma.ImmigrationStatusRecordOrderByWithRelationInput[] = [{ effectiveOn: "desc" }, { seq: "desc" }];

/** One writer per child at a time: checks against the record run inside this lock. */
export const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `uasc:${childId}`);

/** The child's case record, made by the first thing recorded about the child (rolled back with it). */
export const caseOf = (tx: Tx, child: KnownChild): Promise<UascRecord> =>
  tx.uascRecord.upsert({ where: { childId: child.id }, create: { childId: child.id, tenant: child.tenant }, update: {} });

/** The current status: the last in history order, or null. */
export async function currentStatus(tx: Tx, tenant: string, childId: string): Promise<ImmigrationStatusRecord | null> {
  return tx.immigrationStatusRecord.findFirst({ where: { tenant, childId }, orderBy: LATEST_FIRST });
}
