import { fromUtc } from "@caregraph/platform/calendar";
import type { Context } from "../context";
import { LEGAL_STATUSES, LegalStatusCode } from "../domain/codes";
import type { ChildRow, LegalStatusRow } from "../store";

export const Child = {
  // Entity fetches from other subgraphs' fields go through the same tenant-scoped loader.
  __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.children.load(id),
  legalStatuses: (child: ChildRow, _: unknown, ctx: Context) => ctx.legalStatuses.load(child.id),
  legalStatus: async (child: ChildRow, _: unknown, ctx: Context) =>
    (await ctx.legalStatuses.load(child.id)).find((s) => s.endDate === null) ?? null,
};

export const LegalStatus = {
  description: (s: LegalStatusRow) => LEGAL_STATUSES[s.code as LegalStatusCode],
  startDate: (s: LegalStatusRow) => fromUtc(s.startDate),
  endDate: (s: LegalStatusRow) => (s.endDate ? fromUtc(s.endDate) : null),
};
