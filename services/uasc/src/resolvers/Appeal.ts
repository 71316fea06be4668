import { fromUtc } from "@caregraph/platform/calendar";
import type { AppealResolvers } from "../generated/graphql";
import { date } from "./dates";

export const Appeal: AppealResolvers = {
  lodgedOn: (a) => fromUtc(a.lodgedOn),
  heardOn: (a) => date(a.heardOn),
  decidedOn: (a) => date(a.decidedOn),
};
