import { fromUtc } from "@caregraph/platform/calendar";
import type { Context } from "../context";
import { ENCRYPTED } from "../encrypted-fields";
import type { UascResolvers } from "../generated/graphql";
import { renewalOf } from "../renewal";
import { date } from "./dates";

const current = async (childId: string, ctx: Context) => (await ctx.statuses.load(childId)).at(-1) ?? null;

export const Uasc: UascResolvers = {
  childId: (r) => r.childId,
  homeOfficeReference: (r) => ENCRYPTED.homeOfficeReference.open(r.childId, r.homeOfficeReference),
  legalRepresentative: (r) => ENCRYPTED.legalRepresentative.open(r.childId, r.legalRepresentative),
  immigrationStatus: async (r, _, ctx) => (await current(r.childId, ctx))?.status ?? null,
  immigrationStatusDecidedOn: async (r, _, ctx) => date((await current(r.childId, ctx))?.decidedOn ?? null),
  leaveExpiresOn: async (r, _, ctx) => date((await current(r.childId, ctx))?.leaveExpiresOn ?? null),
  furtherLeaveAppliedOn: async (r, _, ctx) => date((await current(r.childId, ctx))?.furtherLeaveAppliedOn ?? null),
  leaveRenewalDueDate: (r) => date(r.renewalDueDate),
  // The open task was scheduled from the current leave (renewal.ts keeps the two in line).
  leaveRenewalExplanation: async (r, _, ctx) => {
    const s = r.renewalDueDate ? await current(r.childId, ctx) : null;
    return s ? (renewalOf(s)?.explanation ?? null) : null;
  },
  statusHistory: (r, _, ctx) => ctx.statuses.load(r.childId),
  asylumClaimedOn: async (r, _, ctx) => {
    const claim = (await ctx.statuses.load(r.childId)).find((s) => s.status === "ASYLUM_CLAIMED");
    return claim ? fromUtc(claim.effectiveOn) : null;
  },
  appeals: (r, _, ctx) => ctx.appeals.load(r.childId),
  ageAssessments: (r, _, ctx) => ctx.ageAssessments.load(r.childId),
  nationalTransferScheme: (r) => (r.ntsReferredOn ? r : null),
  familyTracing: (r, _, ctx) => ctx.familyTracing.load(r.childId),
  ceasedToBeUascOn: (r) => date(r.ceasedToBeUascOn),
};
