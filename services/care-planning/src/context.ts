import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { CarePlanVersion, LookedAfterReview, PrismaClient, StatutoryVisit, VisitPlacement, WorkerAllocation } from "./generated/prisma/client";

export const directory = childDirectory("care_planning");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  reviews: DataLoader<string, LookedAfterReview[]>;
  visits: DataLoader<string, StatutoryVisit[]>;
  carePlanVersions: DataLoader<string, CarePlanVersion[]>;
  /** The child's current allocations, one per role. */
  allocations: DataLoader<string, WorkerAllocation[]>;
  /** The local copy of placements, by placement id (for a visit's authority). */
  placements: DataLoader<string, VisitPlacement | null>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const { db } = deps;
  return {
    ...ctx,
    childReferences: directory.references(db, ctx.identity),
    reviews: childKeyedLoader((childIds) =>
      db.lookedAfterReview.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
    visits: childKeyedLoader((childIds) =>
      db.statutoryVisit.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
    carePlanVersions: childKeyedLoader((childIds) =>
      db.carePlanVersion.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: { version: "asc" } }),
    ),
    allocations: childKeyedLoader((childIds) => db.workerAllocation.findMany({ where: { tenant, childId: { in: childIds } } })),
    placements: new DataLoader(async (ids) => {
      const rows = await db.visitPlacement.findMany({ where: { tenant, id: { in: [...ids] } } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
  };
}
