import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { AgeAssessment, Appeal, FamilyTracingReferral, ImmigrationStatusRecord, PrismaClient, UascRecord } from "./generated/prisma/client";
import { STATUS_ORDER } from "./uasc";

export const directory = childDirectory("uasc");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  records: DataLoader<string, UascRecord[]>;
  /** Oldest first: the last is the current status. */
  statuses: DataLoader<string, ImmigrationStatusRecord[]>;
  ageAssessments: DataLoader<string, AgeAssessment[]>;
  appeals: DataLoader<string, Appeal[]>;
  familyTracing: DataLoader<string, FamilyTracingReferral[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const { db } = deps;
  const created = { createdAt: "asc" } as const;
  return {
    ...ctx,
    childReferences: directory.references(db, ctx.identity),
    records: childKeyedLoader((childIds) => db.uascRecord.findMany({ where: { tenant, childId: { in: childIds } } })),
    statuses: childKeyedLoader((childIds) => db.immigrationStatusRecord.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: STATUS_ORDER })),
    ageAssessments: childKeyedLoader((childIds) =>
      db.ageAssessment.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ assessedOn: "asc" }, created] }),
    ),
    appeals: childKeyedLoader((childIds) => db.appeal.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ lodgedOn: "asc" }, created] })),
    familyTracing: childKeyedLoader((childIds) =>
      db.familyTracingReferral.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ referredOn: "asc" }, created] }),
    ),
  };
}
