import { fromUtc } from "@caregraph/platform/calendar";
import type { NationalTransferSchemeResolvers } from "../generated/graphql";
import { date } from "./dates";

// The parent is the case record (the scheme's fields live on it); Uasc.nationalTransferScheme is null without a referral.
export const NationalTransferScheme: NationalTransferSchemeResolvers = {
  referredOn: (r) => fromUtc(r.ntsReferredOn!),
  transferredOn: (r) => date(r.ntsTransferredOn),
  receivingAuthority: (r) => r.ntsReceivingAuthority,
};
