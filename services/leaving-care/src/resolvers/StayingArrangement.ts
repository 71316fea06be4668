import { fromUtc } from "@caregraph/platform/calendar";
import type { StayingArrangementResolvers } from "../generated/graphql";

export const StayingArrangement: StayingArrangementResolvers = {
  startDate: (a) => fromUtc(a.startDate),
  endDate: (a) => (a.endDate ? fromUtc(a.endDate) : null),
};
