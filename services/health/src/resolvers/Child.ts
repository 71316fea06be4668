import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  healthAssessments: ({ id }, _, ctx) => ctx.assessments.load(id),
  nextHealthAssessment: async ({ id }, _, ctx) =>
    (await ctx.assessments.load(id)).find((a) => !a.completedOn && !a.cancelledOn) ?? null,
  healthSummary: ({ id }) => ({ childId: id }),
  immunisations: ({ id }, _, ctx) => ctx.immunisations.load(id),
  dentalChecks: ({ id }, _, ctx) => ctx.dentalChecks.load(id),
  sdqs: ({ id }, _, ctx) => ctx.sdqs.load(id),
  consents: ({ id }, _, ctx) => ctx.consents.load(id),
};
