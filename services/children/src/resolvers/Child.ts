import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { inForceOn } from "../domain/legal-status";
import type { AllocationResolvers, ChildResolvers, ChronologyEntryResolvers, LegalStatusResolvers } from "../generated/graphql";
import { chronologyQuery } from "../chronology/page";
import { LEGAL_STATUSES } from "../domain/codes";
import { toChained } from "../store";

const local = (d: Date | null) => (d ? fromUtc(d) : null);

export const Child: ChildResolvers = {
  // Entity fetches from other subgraphs' fields go through the same tenant-scoped loader.
  __resolveReference: ({ id }, ctx) => ctx.children.load(id),
  dateOfBirth: (c) => fromUtc(c.dateOfBirth),
  lookedAfterSince: (c) => local(c.lookedAfterSince),
  legalStatuses: (c, _, ctx) => ctx.legalStatuses.load(c.id),
  // In force today on the platform clock: begun on or before today and not ended.
  legalStatus: async (c, _, ctx) => {
    const rows = await ctx.legalStatuses.load(c.id);
    const current = inForceOn(rows.map(toChained), today());
    return rows.find((r) => r.id === current?.id) ?? null;
  },
  allocations: (c, _, ctx) => ctx.allocations.load(c.id),
  currentAllocations: async (c, _, ctx) => (await ctx.allocations.load(c.id)).filter((a) => a.to === null),
  allocatedSocialWorker: async (c, _, ctx) =>
    (await ctx.allocations.load(c.id)).find((a) => a.to === null && a.role === "ALLOCATED_SOCIAL_WORKER") ?? null,
  // Entries from the domains the caller may read, for a child they may see (it resolved); audited as Child.chronology.
  chronology: (c, args, ctx) => ctx.chronology(c.id, chronologyQuery(args)),
};

export const ChronologyEntry: ChronologyEntryResolvers = {
  // The instant if the domain gave one, else the start of the day in England (stored as sort_at).
  at: (e) => e.sortAt,
};

export const LegalStatus: LegalStatusResolvers = {
  description: (s) => LEGAL_STATUSES[s.code],
  startDate: (s) => fromUtc(s.startDate),
  endDate: (s) => local(s.endDate),
  reasonEpisodeCeased: (s) => s.ceasedReason,
};

export const Allocation: AllocationResolvers = {
  from: (a) => fromUtc(a.from),
  to: (a) => local(a.to),
};
