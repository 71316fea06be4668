import { BaseContext, childDirectory, childKeyedLoader, KnownChild, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type {
  CamhsReferral,
  Consent,
  DentalCheck,
  HealthActionPlanAction,
  HealthAssessment,
  HealthRegistration,
  Immunisation,
  MedicalHistoryItem,
  OpticianCheck,
  PrismaClient,
  Sdq,
  SubstanceMisuse,
} from "./generated/prisma/client";

export const directory = childDirectory("health");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  /** What health knows of a child already shown (date of birth, looked after since), for the rules run when read. */
  children: DataLoader<string, KnownChild | null>;
  assessments: DataLoader<string, HealthAssessment[]>;
  immunisations: DataLoader<string, Immunisation[]>;
  dentalChecks: DataLoader<string, DentalCheck[]>;
  sdqs: DataLoader<string, Sdq[]>;
  opticianChecks: DataLoader<string, OpticianCheck[]>;
  consents: DataLoader<string, Consent[]>;
  registrations: DataLoader<string, HealthRegistration[]>;
  camhsReferrals: DataLoader<string, CamhsReferral[]>;
  substanceMisuse: DataLoader<string, SubstanceMisuse[]>;
  medicalHistory: DataLoader<string, MedicalHistoryItem[]>;
  actions: DataLoader<string, HealthActionPlanAction[]>;
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
      db.immunisation.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ givenOn: "desc" }, { createdAt: "desc" }] }),
    ),
    dentalChecks: childKeyedLoader((childIds) =>
      db.dentalCheck.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ checkedOn: "desc" }, { createdAt: "desc" }] }),
    ),
    opticianChecks: childKeyedLoader((childIds) =>
      db.opticianCheck.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ checkedOn: "desc" }, { createdAt: "desc" }] }),
    ),
    sdqs: childKeyedLoader((childIds) => db.sdq.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ completedOn: "desc" }, { createdAt: "desc" }] })),
    consents: childKeyedLoader((childIds) =>
      db.consent.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ givenOn: "desc" }, { createdAt: "desc" }] }),
    ),
    registrations: childKeyedLoader((childIds) =>
      db.healthRegistration.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ registeredOn: "desc" }, { createdAt: "desc" }] }),
    ),
    camhsReferrals: childKeyedLoader((childIds) =>
      db.camhsReferral.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ referredOn: "desc" }, { createdAt: "desc" }] }),
    ),
    substanceMisuse: childKeyedLoader((childIds) =>
      db.substanceMisuse.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ identifiedOn: "desc" }, { createdAt: "desc" }] }),
    ),
    medicalHistory: childKeyedLoader((childIds) => db.medicalHistoryItem.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ kind: "asc" }, { createdAt: "asc" }] })),
    actions: childKeyedLoader((childIds) =>
      db.healthActionPlanAction.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
