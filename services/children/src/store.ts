import { childKeyedLoader, UUID } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import DataLoader from "dataloader";
import type { ChainedStatus } from "./domain/legal-status";
import type { Child, LegalStatus, Prisma, PrismaClient } from "./generated/prisma/client";

export type ChildRow = Child;
export type LegalStatusRow = LegalStatus;

/**
 * Children of one tenant, by id: other tenants' children simply are not there. Archived ones
 * only for callers allowed to see them (social workers and team managers). A merged record's id
 * answers as the child it was merged into (merges never chain: one step).
 */
export function childLoader(db: PrismaClient, tenant: string, withArchived: boolean) {
  return new DataLoader<string, Child | null>(async (ids) => {
    const rows = await db.child.findMany({ where: { tenant, id: { in: ids.filter((id) => UUID.test(id)) } } });
    const targets = rows.flatMap((r) => (r.mergedInto ? [r.mergedInto] : []));
    const kept = targets.length ? await db.child.findMany({ where: { tenant, id: { in: targets } } }) : [];
    const byId = new Map([...rows, ...kept].map((r) => [r.id, r]));
    return ids.map((id) => {
      const asked = byId.get(id);
      const row = asked?.mergedInto ? byId.get(asked.mergedInto) : asked;
      return row && (withArchived || !row.archivedAt) ? row : null;
    });
  });
}

/** One child of the tenant by id, archived or not; a merged record's id finds the kept child. */
export async function findChild(db: PrismaClient | Prisma.TransactionClient, tenant: string, id: string): Promise<Child | null> {
  if (!UUID.test(id)) return null;
  const row = await db.child.findFirst({ where: { id: id.toLowerCase(), tenant } });
  return row?.mergedInto ? db.child.findFirst({ where: { id: row.mergedInto, tenant } }) : row;
}

/** The records merged into each child, oldest merge first. */
export function mergedFromLoader(db: PrismaClient, tenant: string) {
  return new DataLoader<string, Child[]>(async (ids) => {
    const rows = await db.child.findMany({ where: { tenant, mergedInto: { in: [...ids] } }, orderBy: [{ mergedAt: "asc" }, { id: "asc" }] });
    return ids.map((id) => rows.filter((r) => r.mergedInto === id));
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
