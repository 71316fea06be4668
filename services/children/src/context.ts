import type { Identity } from "@caregraph/platform";
import type { BaseContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { PrismaClient } from "./generated/prisma/client";
import { childLoader, ChildRow, legalStatusLoader, LegalStatusRow } from "./store";

export interface Context extends BaseContext {
  /** Set for every resolver shield lets through. */
  identity: Identity;
  deps: ServiceDeps<PrismaClient>;
  children: DataLoader<string, ChildRow | null>;
  legalStatuses: DataLoader<string, LegalStatusRow[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const tenant = base.identity?.tenant ?? "";
  return {
    ...base,
    identity: base.identity as Identity,
    deps,
    children: childLoader(deps.db, tenant),
    legalStatuses: legalStatusLoader(deps.db, tenant),
  };
}
