import { today } from "@caregraph/platform/clock";
import { fromUtc, todayInEngland } from "@caregraph/platform/calendar";
import { NotFoundError } from "@caregraph/platform/graphql";
import { currentOn } from "../domain/current";
import { StayPeriod, stabilityOn } from "../domain/stability";
import { breakdownRisk } from "../domain/breakdown-risk";
import type { ChildResolvers } from "../generated/graphql";
import type { Placement } from "../generated/prisma/client";

/** A child's placements as the stability measures read them: a move links a placement to the one before. */
const stays = (placements: Placement[]): StayPeriod[] =>
  placements.map((p) => {
    const previous = placements.find((q) => q.id === p.previousPlacementId && q.endDate?.getTime() === p.startDate.getTime());
    return {
      type: p.type,
      startDate: fromUtc(p.startDate),
      endDate: p.endDate ? fromUtc(p.endDate) : null,
      previousStartDate: previous ? fromUtc(previous.startDate) : null,
      postcode: p.postcode,
      homePostcode: p.homePostcode,
    };
  });

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  placements: ({ id }, _, ctx) => ctx.placements.load(id),
  currentPlacement: async ({ id }, _, ctx) => currentOn(await ctx.placements.load(id), today(), fromUtc),
  missingEpisodes: ({ id }, _, ctx) => ctx.missingEpisodes.load(id),
  shortBreaks: ({ id }, _, ctx) => ctx.shortBreaks.load(id),
  placementStability: async ({ id }, { on }, ctx) => {
    const child = await ctx.knownChildren.load(id);
    if (!child) throw new NotFoundError("id", "child");
    return stabilityOn(child.dateOfBirth, child.lookedAfterSince, stays(await ctx.placements.load(id)), on ?? today());
  },
  placementBreakdownRisk: async ({ id }, { on }, ctx) => {
    const child = await ctx.knownChildren.load(id);
    if (!child) throw new NotFoundError("id", "child");
    const placements = await ctx.placements.load(id);
    return breakdownRisk(
      {
        dateOfBirth: child.dateOfBirth,
        placements: stays(placements),
        missingStartedOn: (await ctx.missingEpisodes.load(id)).map((e) => todayInEngland(e.startedAt)),
        unplannedEndingsOn: placements.filter((p) => p.endingPlanned === false && p.endDate).map((p) => fromUtc(p.endDate!)),
      },
      on ?? today(),
    );
  },
};
