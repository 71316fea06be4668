import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Attendance, PersonalEducationPlan, PrismaClient, SchoolEnrolment } from "./generated/prisma/client";

export const directory = childDirectory("education");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  peps: DataLoader<string, PersonalEducationPlan[]>;
  attendance: DataLoader<string, Attendance[]>;
  schools: DataLoader<string, SchoolEnrolment[]>;
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
  };
}
