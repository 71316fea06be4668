import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's child, one outside the caller's scope and an unknown id are all absent.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  uasc: async ({ id }, _, ctx) => (await ctx.records.load(id))[0] ?? null,
};
