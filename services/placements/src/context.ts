import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Placement, PrismaClient } from "./generated/prisma/client";

export const directory = childDirectory("placements");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  placements: DataLoader<string, Placement[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  return {
    ...ctx,
    childReferences: directory.references(deps.db, tenant),
    placements: childKeyedLoader((childIds) =>
      deps.db.placement.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
