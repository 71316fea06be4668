import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import type { Context } from "../context";
import { currentOn } from "../domain/current";

export const Child = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.childReferences.load(id),
  placements: ({ id }: { id: string }, _: unknown, ctx: Context) => ctx.placements.load(id),
  currentPlacement: async ({ id }: { id: string }, _: unknown, ctx: Context) =>
    currentOn(await ctx.placements.load(id), today(), fromUtc),
};
