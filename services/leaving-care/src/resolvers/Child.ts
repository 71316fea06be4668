import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  leavingCare: async ({ id }, _, ctx) => (await ctx.records.load(id))[0] ?? null,
};
