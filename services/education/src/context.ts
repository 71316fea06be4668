import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Attendance, Exclusion, PersonalEducationPlan, PrismaClient, PupilPremiumPlusAllocation, SchoolEnrolment, SenRecord } from "./generated/prisma/client";

export const directory = childDirectory("education");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  peps: DataLoader<string, PersonalEducationPlan[]>;
  attendance: DataLoader<string, Attendance[]>;
  schools: DataLoader<string, SchoolEnrolment[]>;
  sen: DataLoader<string, SenRecord[]>;
  exclusions: DataLoader<string, Exclusion[]>;
  pupilPremiumPlus: DataLoader<string, PupilPremiumPlusAllocation[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  return {
    ...ctx,
    childReferences: directory.references(deps.db, ctx.identity),
    peps: childKeyedLoader((childIds) =>
      deps.db.personalEducationPlan.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
    attendance: childKeyedLoader((childIds) =>
      deps.db.attendance.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ termStart: "desc" }] }),
    ),
    schools: childKeyedLoader((childIds) =>
      deps.db.schoolEnrolment.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }] }),
    ),
    sen: childKeyedLoader((childIds) =>
      deps.db.senRecord.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }] }),
    ),
    exclusions: childKeyedLoader((childIds) =>
      deps.db.exclusion.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }] }),
    ),
    pupilPremiumPlus: childKeyedLoader((childIds) =>
      deps.db.pupilPremiumPlusAllocation.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ termStart: "desc" }, { createdAt: "desc" }] }),
    ),
  };
}
