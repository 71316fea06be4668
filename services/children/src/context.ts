import { BaseContext, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Allocation, PrismaClient } from "./generated/prisma/client";
import { allocationLoader, childLoader, ChildRow, legalStatusLoader, LegalStatusRow } from "./store";

export interface Context extends ServiceContext<PrismaClient> {
  /** Whether the caller may see archived records (social workers and team managers). */
  seesArchived: boolean;
  children: DataLoader<string, ChildRow | null>;
  legalStatuses: DataLoader<string, LegalStatusRow[]>;
  allocations: DataLoader<string, Allocation[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const seesArchived = (ctx.identity?.roles ?? []).some((r) => r === "SOCIAL_WORKER" || r === "TEAM_MANAGER");
  return {
    ...ctx,
    seesArchived,
    children: childLoader(deps.db, tenant, seesArchived),
    legalStatuses: legalStatusLoader(deps.db, tenant),
    allocations: allocationLoader(deps.db, tenant),
  };
}
