import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { HealthAssessment, PrismaClient } from "./generated/prisma/client";

export const directory = childDirectory("health");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  assessments: DataLoader<string, HealthAssessment[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  return {
    ...ctx,
    childReferences: directory.references(deps.db, ctx.identity),
    assessments: childKeyedLoader((childIds) =>
      deps.db.healthAssessment.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
