import { fromUtc } from "@caregraph/platform/calendar";
import type { FamilyTracingReferralResolvers } from "../generated/graphql";
import { date } from "./dates";

export const FamilyTracingReferral: FamilyTracingReferralResolvers = {
  referredOn: (r) => fromUtc(r.referredOn),
  outcomeOn: (r) => date(r.outcomeOn),
};
