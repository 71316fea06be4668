import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import type { StatutoryVisitResolvers } from "../generated/graphql";
import { authorityOf } from "../visits";
import { itemStatus, local } from "./status";

export const StatutoryVisit: StatutoryVisitResolvers = {
  dueDate: (v) => fromUtc(v.dueDate),
  visitedOn: (v) => local(v.visitedOn),
  cancelledOn: (v) => local(v.cancelledOn),
  status: (v) => itemStatus({ dueDate: fromUtc(v.dueDate), doneOn: local(v.visitedOn), cancelledOn: local(v.cancelledOn) }, today()),
  authority: async (v, _, ctx) => authorityOf(v, await ctx.placements.load(v.placementId)),
};
