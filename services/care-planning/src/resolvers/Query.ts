import { UUID } from "@caregraph/platform";
import { compareDates, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { complianceSummary } from "../domain/work-tray";
import type { Prisma } from "../generated/prisma/client";
import type { QueryResolvers } from "../generated/graphql";
import { decodeCursor, DEFAULT_PAGE, encodeCursor, facts, MAX_PAGE, overdueNow, statusCondition, visibleTo } from "../work-tray";

export const Query: QueryResolvers = {
  /** One page of the caller's local authority's statutory tasks, by due date then id. */
  async workTray(_, { filter, first, after }, ctx) {
    const size = first ?? DEFAULT_PAGE;
    if (size < 1 || size > MAX_PAGE) invalidInput("first", "PAGE_SIZE", `first must be between 1 and ${MAX_PAGE}`);
    const { db } = ctx.deps;
    const where: Prisma.TrayTaskWhereInput[] = [{ tenant: ctx.tenant }, visibleTo(ctx.identity.roles)];
    if (after) where.push(decodeCursor(after));
    if (filter?.childId) where.push({ childId: UUID.test(filter.childId) ? filter.childId : "00000000-0000-0000-0000-000000000000" });
    if (filter?.domain) where.push({ domain: filter.domain });
    if (filter?.dueBefore) where.push({ dueDate: { lt: toUtc(filter.dueBefore) } });
    if (filter?.overdueOnly) where.push(overdueNow());
    if (filter?.statuses?.length) where.push({ OR: filter.statuses.map(statusCondition) });
    if (filter?.workerId) {
      const allocated = await db.workerAllocation.findMany({
        where: { tenant: ctx.tenant, role: "ALLOCATED_SOCIAL_WORKER", workerId: filter.workerId },
        select: { childId: true },
      });
      where.push({ childId: { in: allocated.map((a) => a.childId) } });
    }
    const rows = await db.trayTask.findMany({ where: { AND: where }, orderBy: [{ dueDate: "asc" }, { id: "asc" }], take: size + 1 });
    const page = rows.slice(0, size);
    const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  },

  /** Per task kind, how the tasks due in [from, to] met their timescales (cancelled ones left out). */
  async complianceSummary(_, { from, to }, ctx) {
    if (compareDates(to, from) < 0) invalidInput("to", "PERIOD_ORDER", "the period must end on or after the day it starts");
    const tasks = await ctx.deps.db.trayTask.findMany({
      where: {
        AND: [
          { tenant: ctx.tenant, dueDate: { gte: toUtc(from), lte: toUtc(to) }, state: { not: "CANCELLED" } },
          visibleTo(ctx.identity.roles),
        ],
      },
    });
    return complianceSummary(tasks.map((t) => ({ ...facts(t), kind: t.kind })), today(), now());
  },
};
