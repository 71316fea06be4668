import { fromUtc } from "@caregraph/platform/calendar";
import { breakDays, SHORT_BREAK_VISITS } from "../domain/short-breaks";
import type { ShortBreakResolvers } from "../generated/graphql";

export const ShortBreak: ShortBreakResolvers = {
  startDate: (b) => fromUtc(b.startDate),
  endDate: (b) => fromUtc(b.endDate),
  days: (b) => breakDays({ startDate: fromUtc(b.startDate), endDate: fromUtc(b.endDate) }),
  visits: () => SHORT_BREAK_VISITS,
};
