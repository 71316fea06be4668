import { randomUUID } from "node:crypto";
import { formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { appealLodgedProblem, appealOutcomeProblem } from "../../domain/appeals";
import { appealDecided, appealLodged } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import type { Tx } from "../../uasc";
import { changeCase, changeRow, check } from "../change";

export const appeals: Pick<MutationResolvers, "recordAppealLodged" | "recordAppealOutcome"> = {
  async recordAppealLodged(_, { input }, ctx) {
    const on = today();
    return changeCase(ctx, input.childId, async (tx, child) => {
      check(appealLodgedProblem(input.lodgedOn, child.dateOfBirth, on));
      const row = await tx.appeal.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, tier: input.tier ?? "FIRST_TIER_TRIBUNAL", lodgedOn: toUtc(input.lodgedOn) },
      });
      return { result: row, action: "uasc.appeal.lodged", entity: "Appeal", entityId: row.id, details: { tier: row.tier, lodgedOn: input.lodgedOn }, events: appealLodged(row) };
    });
  },

  /** An appeal is decided once; a further appeal to the Upper Tribunal is a new appeal. */
  async recordAppealOutcome(_, { input }, ctx) {
    const on = today();
    const find = (tx: Tx, id: string) => tx.appeal.findFirst({ where: { id, tenant: ctx.tenant } });
    return changeRow(ctx, "input.appealId", "appeal", input.appealId, find, async (tx, a) => {
      if (a.outcome && a.decidedOn) invalidInput("input.appealId", "ALREADY_DECIDED", `this appeal was already ${a.outcome.toLowerCase()} on ${formatDate(fromUtc(a.decidedOn))}`);
      const o = { heardOn: input.heardOn ?? null, outcome: input.outcome, decidedOn: input.decidedOn };
      check(appealOutcomeProblem(o, fromUtc(a.lodgedOn), on));
      const row = await tx.appeal.update({
        where: { id: a.id },
        data: { heardOn: o.heardOn ? toUtc(o.heardOn) : null, outcome: o.outcome, decidedOn: toUtc(o.decidedOn) },
      });
      return { result: row, action: "uasc.appeal.decided", entity: "Appeal", entityId: row.id, details: o, events: appealDecided(row) };
    });
  },
};
