import { BaseContext, childDirectory, childKeyedLoader, Identity, KnownChild, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Placement, PrismaClient } from "./generated/prisma/client";

export const directory = childDirectory("placements");

export interface Context extends BaseContext {
  identity: Identity;
  deps: ServiceDeps<PrismaClient>;
  knownChildren: DataLoader<string, KnownChild | null>;
  placements: DataLoader<string, Placement[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const tenant = base.identity?.tenant ?? "";
  return {
    ...base,
    identity: base.identity as Identity,
    deps,
    knownChildren: directory.loader(deps.db, tenant),
    placements: childKeyedLoader((childIds) =>
      deps.db.placement.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
