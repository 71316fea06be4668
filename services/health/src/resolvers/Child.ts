import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  healthAssessments: ({ id }, _, ctx) => ctx.assessments.load(id),
  nextHealthAssessment: async ({ id }, _, ctx) =>
    (await ctx.assessments.load(id)).find((a) => !a.completedOn && !a.cancelledOn) ?? null,
};
