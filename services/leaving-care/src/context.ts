import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { CareLeaverCircumstances, LeavingCareRecord, PrismaClient, StayingArrangement } from "./generated/prisma/client";

export const directory = childDirectory("leaving_care");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  records: DataLoader<string, LeavingCareRecord[]>;
  circumstances: DataLoader<string, CareLeaverCircumstances[]>;
  stayingArrangements: DataLoader<string, StayingArrangement[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  return {
    ...ctx,
    childReferences: directory.references(deps.db, ctx.identity),
    circumstances: childKeyedLoader((childIds) =>
      deps.db.careLeaverCircumstances.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ recordedOn: "asc" }, { createdAt: "asc" }] }),
    ),
    stayingArrangements: childKeyedLoader((childIds) =>
      deps.db.stayingArrangement.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] }),
    ),
    records: childKeyedLoader((childIds) => deps.db.leavingCareRecord.findMany({ where: { tenant, childId: { in: childIds } } })),
  };
}
