import { fromUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { completedOnTime, taskStatus } from "../domain/work-tray";
import type { StatutoryTaskResolvers } from "../generated/graphql";
import { local } from "./status";
import { facts } from "../work-tray";

export const StatutoryTask: StatutoryTaskResolvers = {
  dueDate: (t) => fromUtc(t.dueDate),
  status: (t) => taskStatus(facts(t), today(), now()),
  child: (t) => ({ id: t.childId }),
  completedOn: (t) => local(t.completedOn),
  completedOnTime: (t) => completedOnTime(facts(t)),
  workerId: async (t, _, ctx) => (await ctx.allocations.load(t.childId)).find((a) => a.role === "ALLOCATED_SOCIAL_WORKER")?.workerId ?? null,
};
