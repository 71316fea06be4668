import { BaseContext, childDirectory, childKeyedLoader, Identity, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Placement, PrismaClient } from "./generated/prisma/client";

export const directory = childDirectory("placements");

export interface Context extends BaseContext {
  identity: Identity;
  deps: ServiceDeps<PrismaClient>;
  childReferences: DataLoader<string, { id: string } | null>;
  placements: DataLoader<string, Placement[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const tenant = base.identity?.tenant ?? "";
  return {
    ...base,
    identity: base.identity as Identity,
    deps,
    childReferences: directory.references(deps.db, tenant),
    placements: childKeyedLoader((childIds) =>
      deps.db.placement.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
