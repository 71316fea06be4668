import type { Context } from "../context";

export const Child = {
  // Only children of the caller's local authority exist here.
  __resolveReference: async ({ id }: { id: string }, ctx: Context) => ((await ctx.knownChildren.load(id)) ? { id } : null),
  healthAssessments: ({ id }: { id: string }, _: unknown, ctx: Context) => ctx.assessments.load(id),
  nextHealthAssessment: async ({ id }: { id: string }, _: unknown, ctx: Context) =>
    (await ctx.assessments.load(id)).find((a) => !a.completedOn && !a.cancelledOn) ?? null,
};
