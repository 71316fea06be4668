import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's child, or one outside the caller's scope, is absent.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  family: ({ id }) => ({ childId: id }),
  familyTree: ({ id }) => ({ childId: id }),
};
