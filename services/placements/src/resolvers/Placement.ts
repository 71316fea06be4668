import { fromUtc } from "@caregraph/platform/calendar";
import { PLACEMENT_TYPES } from "../domain/codes";
import type { Placement as Row } from "../generated/prisma/client";

export const Placement = {
  typeDescription: (p: Row) => PLACEMENT_TYPES[p.type],
  startDate: (p: Row) => fromUtc(p.startDate),
  endDate: (p: Row) => (p.endDate ? fromUtc(p.endDate) : null),
};
