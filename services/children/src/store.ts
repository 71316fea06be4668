import { childKeyedLoader, UUID } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import DataLoader from "dataloader";
import type { ChainedStatus } from "./domain/legal-status";
import type { Child, LegalStatus, Prisma, PrismaClient } from "./generated/prisma/client";

export type ChildRow = Child;
export type LegalStatusRow = LegalStatus;

/**
 * Children of one tenant, by id: other tenants' children simply are not there. Archived ones
 * only for callers allowed to see them (social workers and team managers).
 */
export function childLoader(db: PrismaClient, tenant: string, withArchived: boolean) {
  return new DataLoader<string, Child | null>(async (ids) => {
    const rows = await db.child.findMany({
      where: { tenant, ...(withArchived ? {} : { archivedAt: null }), id: { in: ids.filter((id) => UUID.test(id)) } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Legal statuses per child, oldest first; voided ones left out. */
export function legalStatusLoader(db: PrismaClient, tenant: string) {
  return childKeyedLoader((childIds) =>
    db.legalStatus.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ startDate: "asc" }] }),
  );
}

export function allocationLoader(db: PrismaClient, tenant: string) {
  return childKeyedLoader((childIds) =>
    db.allocation.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ role: "asc" }, { from: "asc" }, { createdAt: "asc" }] }),
  );
}

/** A stored row as the legal-status rules see it. */
export const toChained = (s: LegalStatusRow): ChainedStatus => ({
  id: s.id,
  code: s.code,
  startDate: fromUtc(s.startDate),
  endDate: s.endDate ? fromUtc(s.endDate) : null,
  ceased: s.ceasedReason && s.endDate ? { on: fromUtc(s.endDate), reason: s.ceasedReason } : null,
});

/** The child's history inside a transaction, under its lock. */
export async function historyOf(tx: Prisma.TransactionClient, tenant: string, childId: string): Promise<ChainedStatus[]> {
  const rows = await tx.legalStatus.findMany({ where: { tenant, childId, voidedAt: null }, orderBy: [{ startDate: "asc" }] });
  return rows.map(toChained);
}

/** Serialises writes to one child's legal statuses and allocations. */
export async function lockChild(tx: Prisma.TransactionClient, childId: string): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `children:${childId}`);
}

export { UUID };
