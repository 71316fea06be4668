import { randomUUID } from "node:crypto";
import { toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { Context, directory } from "../../context";
import { checkLifeStoryItem } from "../../domain/life-story";
import { lifeStoryWorkItemRecorded } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import { recordChange } from "../../record-change";

export const lifeStoryMutations: Pick<MutationResolvers, "recordLifeStoryWorkItem"> = {
  async recordLifeStoryWorkItem(_, { input }, ctx: Context) {
    const child = await directory.require(ctx.deps.db, ctx.identity, input.childId);
    return recordChange(ctx, child, "life_story_work.recorded", async (tx) => {
      const title = checkLifeStoryItem(input, child, today());
      const item = await tx.lifeStoryWorkItem.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          kind: input.kind,
          title,
          completedOn: toUtc(input.completedOn),
          note: input.note?.trim() || null,
        },
      });
      return {
        result: item,
        entity: "LifeStoryWorkItem",
        entityId: item.id,
        details: { kind: item.kind, completedOn: input.completedOn },
        events: [lifeStoryWorkItemRecorded(item)],
      };
    });
  },
};
