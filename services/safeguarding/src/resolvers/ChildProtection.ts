import { fromUtc } from "@caregraph/platform/calendar";
import type { Context } from "../context";
import { TASK, TaskName } from "../domain/child-protection";
import type { ChildProtectionResolvers } from "../generated/graphql";

/** The child's open task of a kind (one at a time per kind on this pathway). */
async function openTask(ctx: Context, childId: string, task: TaskName) {
  return (await ctx.tasks.load(childId)).find((t) => t.task === task && !t.completedOn && !t.cancelledOn) ?? null;
}
const due = (task: TaskName) => async ({ childId }: { childId: string }, _: unknown, ctx: Context) => {
  const t = await openTask(ctx, childId, task);
  return t ? fromUtc(t.dueDate) : null;
};
const why = (task: TaskName) => async ({ childId }: { childId: string }, _: unknown, ctx: Context) =>
  (await openTask(ctx, childId, task))?.explanation ?? null;

export const ChildProtection: ChildProtectionResolvers = {
  initialConferenceDueDate: due(TASK.INITIAL_CONFERENCE),
  initialConferenceDueExplanation: why(TASK.INITIAL_CONFERENCE),
  firstCoreGroupDueDate: due(TASK.FIRST_CORE_GROUP),
  firstCoreGroupDueExplanation: why(TASK.FIRST_CORE_GROUP),
  nextReviewConferenceDueDate: due(TASK.REVIEW_CONFERENCE),
  nextReviewConferenceDueExplanation: why(TASK.REVIEW_CONFERENCE),
  plan: async ({ childId }, _, ctx) => {
    const plans = await ctx.plans.load(childId);
    return plans.find((p) => !p.endDate) ?? plans[0] ?? null;
  },
  plans: ({ childId }, _, ctx) => ctx.plans.load(childId),
  section47Enquiry: async ({ childId }, _, ctx) => (await ctx.enquiries.load(childId))[0] ?? null,
  section47Enquiries: ({ childId }, _, ctx) => ctx.enquiries.load(childId),
  strategyDiscussions: ({ childId }, _, ctx) => ctx.strategyDiscussions.load(childId),
  conferences: ({ childId }, _, ctx) => ctx.conferences.load(childId),
  coreGroups: ({ childId }, _, ctx) => ctx.coreGroups.load(childId),
  tasks: ({ childId }, _, ctx) => ctx.tasks.load(childId),
};
