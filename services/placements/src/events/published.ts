import type { NewEvent } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import type { Placement } from "../generated/prisma/client";

/** What the placements domain tells the others (topic caregraph.placements.events). */
export const placementStarted = (p: Placement, previousPlacementId: string | null): NewEvent => ({
  type: "PlacementStarted",
  childId: p.childId,
  payload: {
    placementId: p.id,
    type: p.type,
    provider: p.provider,
    startDate: fromUtc(p.startDate),
    /** A move: the child left another placement the same day (health, education react to it). */
    isMove: previousPlacementId !== null,
    previousPlacementId,
  },
});

export const placementEnded = (p: Placement): NewEvent => ({
  type: "PlacementEnded",
  childId: p.childId,
  payload: {
    placementId: p.id,
    type: p.type,
    endDate: p.endDate ? fromUtc(p.endDate) : null,
    reasonForChange: p.reasonForChange,
  },
});
