import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type {
  ChildProtectionConference,
  ChildProtectionPlan,
  Concern,
  CoreGroup,
  PrismaClient,
  SafeguardingTask,
  Section47Enquiry,
  StrategyDiscussion,
} from "./generated/prisma/client";

export const directory = childDirectory("safeguarding");

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  concerns: DataLoader<string, Concern[]>;
  strategyDiscussions: DataLoader<string, StrategyDiscussion[]>;
  enquiries: DataLoader<string, Section47Enquiry[]>;
  conferences: DataLoader<string, ChildProtectionConference[]>;
  plans: DataLoader<string, ChildProtectionPlan[]>;
  coreGroups: DataLoader<string, CoreGroup[]>;
  tasks: DataLoader<string, SafeguardingTask[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const { db } = deps;
  const newestFirst = <K extends string>(field: K) => [{ [field]: "desc" as const }, { createdAt: "desc" as const }];
  return {
    ...ctx,
    childReferences: directory.references(db, ctx.identity),
    concerns: childKeyedLoader((ids) => db.concern.findMany({ where: { tenant, childId: { in: ids } }, orderBy: newestFirst("raisedOn") })),
    strategyDiscussions: childKeyedLoader((ids) =>
      db.strategyDiscussion.findMany({ where: { tenant, childId: { in: ids } }, orderBy: newestFirst("heldOn") }),
    ),
    enquiries: childKeyedLoader((ids) => db.section47Enquiry.findMany({ where: { tenant, childId: { in: ids } }, orderBy: newestFirst("startedOn") })),
    conferences: childKeyedLoader((ids) =>
      db.childProtectionConference.findMany({ where: { tenant, childId: { in: ids } }, orderBy: newestFirst("heldOn") }),
    ),
    plans: childKeyedLoader((ids) => db.childProtectionPlan.findMany({ where: { tenant, childId: { in: ids } }, orderBy: newestFirst("startDate") })),
    coreGroups: childKeyedLoader((ids) => db.coreGroup.findMany({ where: { tenant, childId: { in: ids } }, orderBy: newestFirst("heldOn") })),
    tasks: childKeyedLoader((ids) =>
      db.safeguardingTask.findMany({ where: { tenant, childId: { in: ids } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
