import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { currentOn } from "../domain/current";
import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  placements: ({ id }, _, ctx) => ctx.placements.load(id),
  currentPlacement: async ({ id }, _, ctx) => currentOn(await ctx.placements.load(id), today(), fromUtc),
  missingEpisodes: ({ id }, _, ctx) => ctx.missingEpisodes.load(id),
};
