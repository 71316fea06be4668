import { childrenMerged, childrenUnmerged, lockForMerge, mergeChild, scopeOf, unmergeChild } from "@caregraph/platform";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { NotFoundError } from "@caregraph/platform/graphql";
import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { directory } from "../context";
import { checkMerge, checkUnmerge, MergeSide, unmergeableUntil } from "../domain/merge";
import type { ChildResolvers, MergedRecordResolvers, MutationResolvers } from "../generated/graphql";
import type { Child as ChildRow, Prisma } from "../generated/prisma/client";
import { currentPeriodStart } from "../domain/legal-status";
import { historyOf, lockChild, mergedFromLoader, UUID } from "../store";

type Tx = Prisma.TransactionClient;
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

/**
 * Tables of this domain whose rows make one history per child that cannot be interleaved (the
 * legal status chain; one current allocation per role): when the kept child has any, the kept
 * record's history wins whole and the merged record's stays with it (unmerge gives it back).
 */
const WHOLE = ["legal_status", "allocation"];

/**
 * The record itself, as stored (a merged record's own row, not the child it answers as), of the
 * caller's local authority and scope; otherwise NOT_FOUND (the same for unknown, foreign and
 * out-of-scope ids).
 */
async function ownRecord(ctx: Context, db: Tx, id: string, field: string): Promise<ChildRow> {
  const row = UUID.test(id) ? await db.child.findFirst({ where: { id: id.toLowerCase(), tenant: ctx.tenant } }) : null;
  const shown = row && (scopeOf(ctx.identity, "children").all || (await directory.visibility(ctx.deps.db, ctx.identity).load(row.id)));
  if (!row || !shown) throw new NotFoundError(field, "child");
  return row;
}

const side = async (tx: Tx, c: ChildRow): Promise<MergeSide> => ({
  id: c.id,
  archived: c.archivedAt !== null,
  mergedAt: c.mergedAt,
  mergedInto: await tx.child.count({ where: { tenant: c.tenant, mergedInto: c.id } }),
});

/** lookedAfterSince is the start of the current period of care of the child's (moved) legal status history. */
async function followHistory(tx: Tx, child: ChildRow): Promise<void> {
  const start = currentPeriodStart(await historyOf(tx, child.tenant, child.id))?.startDate ?? null;
  await tx.child.update({ where: { id: child.id }, data: { lookedAfterSince: start ? toUtc(start) : null } });
}

async function lookedAfterSince(tx: Tx, id: string): Promise<string | null> {
  const { lookedAfterSince } = await tx.child.findUniqueOrThrow({ where: { id }, select: { lookedAfterSince: true } });
  return lookedAfterSince ? fromUtc(lookedAfterSince) : null;
}

export const Mutation: Pick<MutationResolvers, "mergeChildren" | "unmergeChildren"> = {
  async mergeChildren(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const keepId = input.keepId.toLowerCase();
    const mergeId = input.mergeId.toLowerCase();
    const kept = await db.$transaction(async (tx) => {
      await ownRecord(ctx, tx, keepId, "input.keepId");
      await ownRecord(ctx, tx, mergeId, "input.mergeId");
      // The erasure locks first (every consumer and the retention job take them first), then the per-child locks, in id order.
      await lockForMerge(tx, keepId, mergeId);
      for (const id of [keepId, mergeId].sort()) await lockChild(tx, id);
      // Read again under the locks: another merge or an archive may have got there first.
      const keep = await ownRecord(ctx, tx, keepId, "input.keepId");
      const merge = await ownRecord(ctx, tx, mergeId, "input.mergeId");
      const reason = checkMerge(await side(tx, keep), await side(tx, merge), input.reason);
      const mergeEventId = randomUUID();
      const m = { keepId: keep.id, mergeId: merge.id, mergeEventId };
      // This domain's own rows now (the answer shows them); its own consumer finds the merge applied.
      const result = await mergeChild(tx, "children", { tenant: ctx.tenant, ...m }, { whole: WHOLE });
      await tx.child.update({
        where: { id: merge.id },
        data: { mergedInto: keep.id, mergedAt: now(), mergedBy: ctx.identity?.userId ?? "unknown", mergeReason: reason, mergeEventId },
      });
      // The kept child had no legal status history and took the merged record's: its period of care follows it.
      if (result.moved.legal_status) await followHistory(tx, keep);
      const details = { ...m, reason, moved: result.moved, left: result.left };
      // One entry in each child's audit trail; one event (keyed by the merged child) that every domain honours.
      const events = [childrenMerged(m, await lookedAfterSince(tx, keep.id))];
      await recorder.change(tx, actor(ctx), { action: "child.merged", entity: "Child", entityId: merge.id, childId: keep.id, details, events });
      await recorder.change(tx, actor(ctx), { action: "child.merged_into", entity: "Child", entityId: merge.id, childId: merge.id, details });
      return tx.child.findUniqueOrThrow({ where: { id: keep.id } });
    });
    ctx.children.clearAll();
    return kept;
  },

  async unmergeChildren(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const mergeId = input.mergeId.toLowerCase();
    const restored = await db.$transaction(async (tx) => {
      const found = await ownRecord(ctx, tx, mergeId, "input.mergeId");
      const keepId = found.mergedInto;
      await lockForMerge(tx, ...(keepId ? [keepId, found.id] : [found.id]));
      for (const id of (keepId ? [keepId, found.id] : [found.id]).sort()) await lockChild(tx, id);
      const merge = await ownRecord(ctx, tx, mergeId, "input.mergeId");
      const reason = checkUnmerge(merge.mergeEventId && merge.mergedInto === keepId ? merge.mergedAt : null, input.reason, today());
      const m = { keepId: merge.mergedInto!, mergeId: merge.id, mergeEventId: merge.mergeEventId! };
      const result = await unmergeChild(tx, "children", { tenant: ctx.tenant, mergeEventId: m.mergeEventId });
      if (result.restored.legal_status) await followHistory(tx, await tx.child.findUniqueOrThrow({ where: { id: m.keepId } }));
      const details = { ...m, reason, mergedAt: merge.mergedAt, restored: result.restored, missing: result.missing };
      const events = [childrenUnmerged(m, await lookedAfterSince(tx, m.keepId))];
      await recorder.change(tx, actor(ctx), { action: "child.unmerged", entity: "Child", entityId: merge.id, childId: merge.id, details, events });
      await recorder.change(tx, actor(ctx), { action: "child.unmerged_from", entity: "Child", entityId: merge.id, childId: m.keepId, details });
      return tx.child.update({ where: { id: merge.id }, data: { mergedInto: null, mergedAt: null, mergedBy: null, mergeReason: null, mergeEventId: null } });
    });
    ctx.children.clearAll();
    return restored;
  },
};

export const Child: Pick<ChildResolvers, "mergedFrom"> = {
  mergedFrom: (c, _, ctx) => mergedFrom(ctx).load(c.id),
};

/** One query per request for every child's merged records. */
const loaders = new WeakMap<object, ReturnType<typeof mergedFromLoader>>();
function mergedFrom(ctx: Context) {
  let loader = loaders.get(ctx);
  if (!loader) loaders.set(ctx, (loader = mergedFromLoader(ctx.deps.db, ctx.tenant)));
  return loader;
}

export const MergedRecord: MergedRecordResolvers = {
  mergedAt: (c) => c.mergedAt!,
  mergedBy: (c) => c.mergedBy ?? "",
  reason: (c) => c.mergeReason ?? "",
  unmergeableUntil: (c) => unmergeableUntil(c.mergedAt!),
};
