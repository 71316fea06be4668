import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's child is absent; an archived one still resolves (see childDirectory).
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  concerns: ({ id }, _, ctx) => ctx.concerns.load(id),
  // No strategy discussion, no child-protection pathway: every conference follows one.
  childProtection: async ({ id }, _, ctx) => ((await ctx.strategyDiscussions.load(id)).length ? { childId: id } : null),
};
