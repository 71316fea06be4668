import { randomUUID } from "node:crypto";
import { formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { tracingOutcomeProblem, tracingReferralProblem } from "../../domain/family-tracing";
import { familyTracingConcluded, familyTracingReferred } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import type { Tx } from "../../uasc";
import { changeCase, changeRow, check } from "../change";

export const familyTracing: Pick<MutationResolvers, "recordFamilyTracingReferral" | "recordFamilyTracingOutcome"> = {
  async recordFamilyTracingReferral(_, { input }, ctx) {
    const on = today();
    return changeCase(ctx, input.childId, async (tx, child) => {
      check(tracingReferralProblem(input.referredOn, child.dateOfBirth, on));
      const row = await tx.familyTracingReferral.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, referredOn: toUtc(input.referredOn), tracedBy: input.tracedBy },
      });
      return {
        result: row,
        action: "uasc.family-tracing.referred",
        entity: "FamilyTracingReferral",
        entityId: row.id,
        details: { referredOn: input.referredOn, tracedBy: input.tracedBy },
        events: [familyTracingReferred(row)],
      };
    });
  },

  async recordFamilyTracingOutcome(_, { input }, ctx) {
    const on = today();
    const find = (tx: Tx, id: string) => tx.familyTracingReferral.findFirst({ where: { id, tenant: ctx.tenant } });
    return changeRow(ctx, "input.referralId", "family tracing referral", input.referralId, find, async (tx, r) => {
      if (r.outcome && r.outcomeOn) invalidInput("input.referralId", "ALREADY_CONCLUDED", `this referral already ended (${r.outcome}) on ${formatDate(fromUtc(r.outcomeOn))}`);
      check(tracingOutcomeProblem(input.outcomeOn, fromUtc(r.referredOn), on));
      const row = await tx.familyTracingReferral.update({ where: { id: r.id }, data: { outcome: input.outcome, outcomeOn: toUtc(input.outcomeOn) } });
      return {
        result: row,
        action: "uasc.family-tracing.concluded",
        entity: "FamilyTracingReferral",
        entityId: row.id,
        details: { outcome: input.outcome, outcomeOn: input.outcomeOn },
        events: [familyTracingConcluded(row)],
      };
    });
  },
};
