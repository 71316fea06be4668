import { todayInEngland, fromUtc } from "@caregraph/platform/calendar";
import type { Context } from "../context";
import { currentOn } from "../domain/current";

export const Child = {
  // Only children of the caller's local authority exist here.
  __resolveReference: async ({ id }: { id: string }, ctx: Context) => ((await ctx.knownChildren.load(id)) ? { id } : null),
  placements: ({ id }: { id: string }, _: unknown, ctx: Context) => ctx.placements.load(id),
  currentPlacement: async ({ id }: { id: string }, _: unknown, ctx: Context) =>
    currentOn(await ctx.placements.load(id), todayInEngland(), fromUtc),
};
