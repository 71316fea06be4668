import { BaseContext, childDirectory, childKeyedLoader, KnownChild, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Consent, DentalCheck, HealthAssessment, Immunisation, PrismaClient, Sdq } from "./generated/prisma/client";

export const directory = childDirectory("health");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  /** What health knows of a child already shown (date of birth, looked after since), for the rules run when read. */
  children: DataLoader<string, KnownChild | null>;
  assessments: DataLoader<string, HealthAssessment[]>;
  immunisations: DataLoader<string, Immunisation[]>;
  dentalChecks: DataLoader<string, DentalCheck[]>;
  sdqs: DataLoader<string, Sdq[]>;
  consents: DataLoader<string, Consent[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const { db } = deps;
  return {
    ...ctx,
    childReferences: directory.references(db, ctx.identity),
    children: directory.loader(db, tenant),
    assessments: childKeyedLoader((childIds) =>
      db.healthAssessment.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
    immunisations: childKeyedLoader((childIds) =>
      db.immunisation.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ givenOn: "desc" }, { createdAt: "desc" }] }),
    ),
    dentalChecks: childKeyedLoader((childIds) =>
      db.dentalCheck.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ checkedOn: "desc" }, { createdAt: "desc" }] }),
    ),
    sdqs: childKeyedLoader((childIds) => db.sdq.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ completedOn: "desc" }, { createdAt: "desc" }] })),
    consents: childKeyedLoader((childIds) =>
      db.consent.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ givenOn: "desc" }, { createdAt: "desc" }] }),
    ),
  };
}
