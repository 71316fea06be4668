import type { Context } from "../context";

export const Child = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.childReferences.load(id),
  healthAssessments: ({ id }: { id: string }, _: unknown, ctx: Context) => ctx.assessments.load(id),
  nextHealthAssessment: async ({ id }: { id: string }, _: unknown, ctx: Context) =>
    (await ctx.assessments.load(id)).find((a) => !a.completedOn && !a.cancelledOn) ?? null,
};
