import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  lookedAfterReviews: ({ id }, _, ctx) => ctx.reviews.load(id),
  statutoryVisits: ({ id }, _, ctx) => ctx.visits.load(id),
  carePlan: async ({ id }, _, ctx) => (await ctx.carePlanVersions.load(id)).at(-1) ?? null,
  carePlanVersions: ({ id }, _, ctx) => ctx.carePlanVersions.load(id),
};
