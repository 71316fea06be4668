import type { ImmigrationStatusRecordResolvers } from "../generated/graphql";
import { renewalOf } from "../renewal";
import { date } from "./dates";

export const ImmigrationStatusRecord: ImmigrationStatusRecordResolvers = {
  decidedOn: (s) => date(s.decidedOn),
  leaveExpiresOn: (s) => date(s.leaveExpiresOn),
  furtherLeaveAppliedOn: (s) => date(s.furtherLeaveAppliedOn),
  renewalDueDate: (s) => renewalOf(s)?.due.date ?? null,
  renewalExplanation: (s) => renewalOf(s)?.explanation ?? null,
  current: async (s, _, ctx) => (await ctx.statuses.load(s.childId)).at(-1)?.id === s.id,
};
