import { childKeyedLoader } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Child, LegalStatus, PrismaClient } from "./generated/prisma/client";

export type ChildRow = Child;
export type LegalStatusRow = LegalStatus;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Children of one tenant, by id, archived ones excluded: other tenants' children simply are not there. */
export function childLoader(db: PrismaClient, tenant: string) {
  return new DataLoader<string, Child | null>(async (ids) => {
    const rows = await db.child.findMany({
      where: { tenant, archivedAt: null, id: { in: ids.filter((id) => UUID.test(id)) } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function legalStatusLoader(db: PrismaClient, tenant: string) {
  return childKeyedLoader((childIds) => db.legalStatus.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "asc" }] }));
}

export { UUID };
