import { BaseContext, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { PrismaClient } from "./generated/prisma/client";
import { childLoader, ChildRow, legalStatusLoader, LegalStatusRow } from "./store";

export interface Context extends ServiceContext<PrismaClient> {
  children: DataLoader<string, ChildRow | null>;
  legalStatuses: DataLoader<string, LegalStatusRow[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  return {
    ...ctx,
    children: childLoader(deps.db, tenant),
    legalStatuses: legalStatusLoader(deps.db, tenant),
  };
}
