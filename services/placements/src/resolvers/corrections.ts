import { chronologyChanges, statutoryTaskCancelled, statutoryTaskScheduled, UUID } from "@caregraph/platform";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import type { Context } from "../context";
import { directory } from "../context";
import { checkDisruptionMeeting } from "../domain/endings";
import { checkShortBreak } from "../domain/short-breaks";
import { checkApprovalCorrection } from "../domain/temporary-approval";
import { shortBreakEntries } from "../events/chronology";
import * as events from "../events/published";
import type { MutationResolvers } from "../generated/graphql";
import type { Prisma, ShortBreak } from "../generated/prisma/client";
import { actor, correctionReason, lockChild, onPlacement, placementChronology, withRows } from "./Mutation";

/**
 * Corrections to the newer placement records, in the pattern of amendPlacement / voidPlacement: a
 * reason is required and kept in the audit trail, every rule is checked again on the corrected
 * record, the work tray and the chronology follow, and an event tells the other domains.
 */
type Corrections = Pick<MutationResolvers, "amendShortBreak" | "voidShortBreak" | "amendTemporaryApproval" | "amendDisruptionMeeting">;

const period = (b: ShortBreak) => ({ startDate: fromUtc(b.startDate), endDate: fromUtc(b.endDate) });

/** The short break in the caller's tenant, its child in scope; under the child's lock, it (not voided) and the child's others. */
async function onShortBreak<T>(ctx: Context, id: string, change: (tx: Prisma.TransactionClient, before: ShortBreak, others: ShortBreak[]) => Promise<T>) {
  const found = UUID.test(id) ? await ctx.deps.db.shortBreak.findFirst({ where: { id, tenant: ctx.identity.tenant } }) : null;
  if (!found) throw new NotFoundError("input.id", "short break");
  const child = await directory.require(ctx.deps.db, ctx.identity, found.childId, "input.id");
  return ctx.deps.db.$transaction(async (tx) => {
    await lockChild(tx, child.id);
    const all = await tx.shortBreak.findMany({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { startDate: "asc" } });
    const before = all.find((b) => b.id === found.id);
    if (!before) invalidInput("input.id", "ALREADY_VOIDED", "this short break was voided; it can no longer be corrected");
    return change(tx, before, all.filter((b) => b.id !== found.id));
  });
}

export const correctionMutations: Corrections = {
  /** Reg 48's limits (17 days; 75 days in any 12 months) checked again with the corrected days. */
  async amendShortBreak(_, { input }, ctx) {
    const reason = correctionReason(input.reason);
    return onShortBreak(ctx, input.id, async (tx, before, others) => {
      const child = (await ctx.knownChildren.load(before.childId))!;
      const after = { startDate: input.startDate ?? fromUtc(before.startDate), endDate: input.endDate ?? fromUtc(before.endDate) };
      checkShortBreak(after, others.map(period), child.dateOfBirth);
      const amended = await tx.shortBreak.update({
        where: { id: before.id },
        data: { startDate: toUtc(after.startDate), endDate: toUtc(after.endDate), legalStatus: input.legalStatus ?? before.legalStatus },
      });
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "short_break.amended",
        entity: "ShortBreak",
        entityId: amended.id,
        childId: amended.childId,
        details: { reason, before: { ...period(before), legalStatus: before.legalStatus }, after: { ...after, legalStatus: amended.legalStatus } },
        events: [events.shortBreakAmended(amended), ...chronologyChanges(amended.childId, shortBreakEntries(before), shortBreakEntries(amended), "corrected")],
      });
      return amended;
    });
  },

  /** Entered in error: kept on record, out of lists and of the 75-day count. */
  async voidShortBreak(_, { input }, ctx) {
    const reason = correctionReason(input.reason);
    return onShortBreak(ctx, input.id, async (tx, before) => {
      const voided = await tx.shortBreak.update({ where: { id: before.id }, data: { voidedAt: now(), voidReason: reason } });
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "short_break.voided",
        entity: "ShortBreak",
        entityId: voided.id,
        childId: voided.childId,
        details: { reason, ...period(before) },
        events: [events.shortBreakVoided(voided), ...chronologyChanges(voided.childId, shortBreakEntries(before), [], "entered in error")],
      });
      return voided;
    });
  },

  /**
   * A temporary approval's end corrected (regs 24/25 limits from the placement's start), or
   * removed (endsOn null: the placement never had one). The decision task moves with it, or is
   * cancelled; TemporaryApprovalAmended tells care-planning's visit clock (reg 28(4)).
   */
  async amendTemporaryApproval(_, { input }, ctx) {
    const reason = correctionReason(input.reason);
    return onPlacement(ctx, input.placementId, async (tx, child, before, history) => {
      const endsOn = input.endsOn ?? null;
      if (endsOn) checkApprovalCorrection(before.type, fromUtc(before.startDate), endsOn, before.temporaryApprovalExtended);
      else if (!before.temporaryApprovalEndsOn) invalidInput("input.endsOn", "HAS_TEMPORARY_APPROVAL", "this placement has no temporary approval to remove");
      const open = Boolean(endsOn) && before.endDate === null;
      const updated = await tx.placement.update({
        where: { id: before.id },
        data: {
          temporaryApprovalEndsOn: endsOn ? toUtc(endsOn) : null,
          temporaryApprovalExtended: endsOn ? before.temporaryApprovalExtended : false,
          temporaryApprovalTaskOpen: open,
        },
      });
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "placement.temporary_approval_amended",
        entity: "Placement",
        entityId: updated.id,
        childId: child.id,
        details: { reason, from: before.temporaryApprovalEndsOn ? fromUtc(before.temporaryApprovalEndsOn) : null, to: endsOn },
        events: [
          events.temporaryApprovalAmended(updated),
          ...(open ? [statutoryTaskScheduled(child.id, events.temporaryApprovalTask(updated))] : []),
          ...(before.temporaryApprovalTaskOpen && !open ? [statutoryTaskCancelled(child.id, events.temporaryApprovalTask(before), "temporary approval entered in error")] : []),
          ...placementChronology(child.id, history, withRows(history, updated), "temporary approval corrected"),
        ],
      });
      return updated;
    });
  },

  /** The disruption meeting's day corrected, or voided (heldOn null) when it was recorded in error. */
  async amendDisruptionMeeting(_, { input }, ctx) {
    const reason = correctionReason(input.reason);
    return onPlacement(ctx, input.placementId, async (tx, child, before, history) => {
      const heldOn = input.heldOn ?? null;
      if (!before.disruptionMeetingHeldOn) invalidInput("input.placementId", "HAS_DISRUPTION_MEETING", "no disruption meeting is recorded for this placement: use recordDisruptionMeeting");
      if (heldOn) checkDisruptionMeeting({ startDate: fromUtc(before.startDate), endDate: before.endDate && fromUtc(before.endDate), endingPlanned: before.endingPlanned }, heldOn, today());
      const updated = await tx.placement.update({ where: { id: before.id }, data: { disruptionMeetingHeldOn: heldOn ? toUtc(heldOn) : null } });
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: heldOn ? "placement.disruption_meeting_amended" : "placement.disruption_meeting_voided",
        entity: "Placement",
        entityId: updated.id,
        childId: child.id,
        details: { reason, from: fromUtc(before.disruptionMeetingHeldOn), to: heldOn },
        events: [
          { ...events.disruptionMeetingHeld(updated), type: heldOn ? "DisruptionMeetingAmended" : "DisruptionMeetingVoided" },
          ...placementChronology(child.id, history, withRows(history, updated), "disruption meeting corrected"),
        ],
      });
      return updated;
    });
  },
};
