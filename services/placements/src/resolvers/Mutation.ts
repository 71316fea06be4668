import { randomUUID } from "node:crypto";
import { chronologyChanges, NewEvent, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled, UUID } from "@caregraph/platform";
import { fromUtc, todayInEngland, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import type { Context } from "../context";
import { directory } from "../context";
import { intendedToLastUntil18ByDefault } from "../domain/codes";
import { checkPlacementPlan } from "../domain/placement-plan";
import { checkDisruptionMeeting, checkPlannedMove } from "../domain/endings";
import { checkShortBreak } from "../domain/short-breaks";
import { checkExtension, checkTemporaryApproval } from "../domain/temporary-approval";
import { checkEpisodeEnd, checkEpisodeStart, checkReturnHomeInterview, returnHomeInterviewDue } from "../domain/missing-episodes";
import { checkAmendment, checkEnd, checkLookedAfter, checkMove, checkNewPlacement, followMove, normalisePostcode, normaliseUrn, Period } from "../domain/placement-rules";
import * as events from "../events/published";
import { providerMutations } from "./providers";
import { correctionMutations } from "./corrections";
import { missingEpisodeEntries, placementEntries, shortBreakEntries } from "../events/chronology";
import type { MutationResolvers } from "../generated/graphql";
import type { Placement, Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });
const period = (p: Placement): Period => ({ startDate: fromUtc(p.startDate), endDate: p.endDate ? fromUtc(p.endDate) : null });

/** One writer per child at a time (placements and missing episodes), so checks and writes cannot interleave. */
export const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `placements:${childId}`);

/**
 * Reads a child's placements (voided ones left out) inside the transaction, holding the per-child
 * lock, so two concurrent requests cannot both pass the overlap check.
 */
async function lockedPlacements(tx: Tx, tenant: string, childId: string) {
  await lockChild(tx, childId);
  return tx.placement.findMany({ where: { tenant, childId, voidedAt: null }, orderBy: { startDate: "asc" } });
}

async function findPlacement(ctx: Context, id: string, field = "input.id") {
  const found = UUID.test(id) ? await ctx.deps.db.placement.findFirst({ where: { id, tenant: ctx.identity.tenant } }) : null;
  if (!found) throw new NotFoundError(field, "placement");
  return found;
}

/**
 * A change to one of a placement's own records (its plan, temporary approval, disruption meeting):
 * the placement in the caller's tenant, its child in scope, then under the child's lock the
 * current history with this placement in it (a voided one is gone) for `change` to check, write
 * and record.
 */
export async function onPlacement<T>(
  ctx: Context,
  placementId: string,
  change: (tx: Tx, child: Awaited<ReturnType<typeof directory.require>>, before: Placement, history: Placement[]) => Promise<T>,
): Promise<T> {
  const found = await findPlacement(ctx, placementId, "input.placementId");
  const child = await directory.require(ctx.deps.db, ctx.identity, found.childId, "input.placementId");
  return ctx.deps.db.$transaction(async (tx) => {
    const history = await lockedPlacements(tx, child.tenant, child.id);
    const before = history.find((p) => p.id === found.id);
    if (!before) invalidInput("input.placementId", "ALREADY_VOIDED", "this placement was voided as entered in error");
    return change(tx, child, before, history);
  });
}

async function findEpisode(ctx: Context, id: string) {
  const found = UUID.test(id) ? await ctx.deps.db.missingEpisode.findFirst({ where: { id, tenant: ctx.identity.tenant } }) : null;
  if (!found) throw new NotFoundError("input.episodeId", "missing episode");
  return found;
}

/** A correction says why (it stays in the audit trail). */
export function correctionReason(reason: string): string {
  const r = reason.trim();
  if (!r) invalidInput("input.reason", "REASON_REQUIRED", "say why the record is being corrected");
  return r;
}

/** The history with rows replaced (by id) or added. */
export const withRows = (history: Placement[], ...rows: Placement[]) => [...history.filter((p) => !rows.some((r) => r.id === p.id)), ...rows];

/** What the chronology hears of a change to the child's placements: the difference it made. */
export const placementChronology = (childId: string, before: Placement[], after: Placement[], why: string) =>
  chronologyChanges(childId, placementEntries(before), placementEntries(after), why);

const notVoided = (p: Placement | undefined): Placement => {
  if (!p) invalidInput("input.id", "ALREADY_VOIDED", "this placement was voided; it can no longer be corrected");
  return p;
};

const summary = (p: Placement) => ({
  type: p.type,
  startDate: fromUtc(p.startDate),
  endDate: p.endDate ? fromUtc(p.endDate) : null,
  provider: p.provider,
  postcode: p.postcode,
  intendedToLastUntil18: p.intendedToLastUntil18,
});

/** What a placement that ends (or is voided) no longer needs: its open tasks close. */
const TASKS_CLOSED = { placementPlanTaskOpen: false, temporaryApprovalTaskOpen: false } as const;

/** The tasks a placement that ends (or is voided) leaves open are cancelled: its plan, its temporary approval's decision. */
const planTaskClosed = (before: Placement, after: Placement, why: string): NewEvent[] => [
  ...(before.placementPlanTaskOpen && !after.placementPlanTaskOpen ? [statutoryTaskCancelled(after.childId, events.placementPlanTask(after), why)] : []),
  ...(before.temporaryApprovalTaskOpen && !after.temporaryApprovalTaskOpen ? [statutoryTaskCancelled(after.childId, events.temporaryApprovalTask(after), why)] : []),
];

/**
 * A placement the child lives in now gets a placement plan task (CPPCR 2010 reg 9), due 5 working
 * days after its start, and, with a connected person approved temporarily (reg 24), a decision task
 * the day before the approval lapses.
 */
const planTaskOpened = (p: Placement): NewEvent[] => [
  ...(p.placementPlanTaskOpen ? [statutoryTaskScheduled(p.childId, events.placementPlanTask(p))] : []),
  ...(p.temporaryApprovalTaskOpen ? [statutoryTaskScheduled(p.childId, events.temporaryApprovalTask(p))] : []),
];

export const Mutation: MutationResolvers = {
  ...providerMutations,
  ...correctionMutations,
  async startPlacement(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const postcode = normalisePostcode(input.postcode);
    const homePostcode = normalisePostcode(input.homePostcode, "input.homePostcode");
    const urn = normaliseUrn(input.urn);
    return db.$transaction(async (tx) => {
      const existing = await lockedPlacements(tx, child.tenant, child.id);
      checkNewPlacement(input, child.dateOfBirth, existing.map(period));
      checkLookedAfter(child.lookedAfterSince, input.startDate);
      if (input.temporaryApprovalEndsOn) checkTemporaryApproval(input.type, input.startDate, input.temporaryApprovalEndsOn);
      const placement = await tx.placement.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          type: input.type,
          provider: input.provider ?? null,
          postcode,
          homePostcode,
          urn,
          startDate: toUtc(input.startDate),
          endDate: input.endDate ? toUtc(input.endDate) : null,
          intendedToLastUntil18: input.intendedToLastUntil18 ?? intendedToLastUntil18ByDefault(input.type),
          placementPlanTaskOpen: !input.endDate,
          temporaryApprovalEndsOn: input.temporaryApprovalEndsOn ? toUtc(input.temporaryApprovalEndsOn) : null,
          temporaryApprovalTaskOpen: !input.endDate && Boolean(input.temporaryApprovalEndsOn),
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "placement.started",
        entity: "Placement",
        entityId: placement.id,
        childId: child.id,
        details: { type: placement.type, startDate: input.startDate, intendedToLastUntil18: placement.intendedToLastUntil18 },
        events: [
          events.placementStarted(placement, null),
          ...(placement.endDate ? [events.placementEnded(placement)] : []),
          ...planTaskOpened(placement),
          ...placementChronology(child.id, existing, withRows(existing, placement), "placement recorded"),
        ],
      });
      return placement;
    });
  },

  /**
   * CPPCR 2010 reg 9/11: a change of placement; the end and the start are one transaction. The DfE
   * return records REASON_PLACE_CHANGE on the episode that ends (rule 233: never on an open one), so
   * the reason is stored on the ending placement; the answer carries it so the caller sees it saved.
   */
  async changePlacement(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const postcode = normalisePostcode(input.postcode);
    const homePostcode = normalisePostcode(input.homePostcode, "input.homePostcode");
    const urn = normaliseUrn(input.urn);
    return db.$transaction(async (tx) => {
      const existing = await lockedPlacements(tx, child.tenant, child.id);
      const current = existing.find((p) => p.endDate === null) ?? null;
      checkMove(current && period(current), input.date, { ...input, startDate: input.date }, input.reason ?? null, child.dateOfBirth);
      checkLookedAfter(child.lookedAfterSince, input.date, "input.date");
      if (input.temporaryApprovalEndsOn) checkTemporaryApproval(input.type, input.date, input.temporaryApprovalEndsOn);
      checkPlannedMove(input);
      const ended = await tx.placement.update({
        where: { id: current!.id },
        data: { endDate: toUtc(input.date), reasonForChange: input.reason ?? null, endingPlanned: input.planned ?? null, ...TASKS_CLOSED },
      });
      const started = await tx.placement.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          type: input.type,
          provider: input.provider ?? null,
          postcode,
          homePostcode,
          urn,
          startDate: toUtc(input.date),
          previousPlacementId: ended.id,
          intendedToLastUntil18: input.intendedToLastUntil18 ?? intendedToLastUntil18ByDefault(input.type),
          placementPlanTaskOpen: true,
          temporaryApprovalEndsOn: input.temporaryApprovalEndsOn ? toUtc(input.temporaryApprovalEndsOn) : null,
          temporaryApprovalTaskOpen: Boolean(input.temporaryApprovalEndsOn),
          transitionPlanAgreedOn: input.transitionPlanAgreedOn ? toUtc(input.transitionPlanAgreedOn) : null,
          riskAssessmentCompletedOn: input.riskAssessmentCompletedOn ? toUtc(input.riskAssessmentCompletedOn) : null,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "placement.changed",
        entity: "Placement",
        entityId: started.id,
        childId: child.id,
        details: { from: ended.id, type: started.type, date: input.date, reason: input.reason ?? null, planned: input.planned ?? null },
        events: [
          events.placementEnded(ended),
          events.placementStarted(started, ended.id),
          ...planTaskClosed(current!, ended, "placement ended"),
          ...planTaskOpened(started),
          ...placementChronology(child.id, existing, withRows(existing, ended, started), "placement changed"),
        ],
      });
      return { ...started, reasonGivenForMove: ended.reasonForChange };
    });
  },

  async endPlacement(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    return db.$transaction(async (tx) => {
      const existing = await lockedPlacements(tx, child.tenant, child.id);
      const current = existing.find((p) => p.endDate === null) ?? null;
      checkEnd(current && period(current), input.endDate);
      const ended = await tx.placement.update({ where: { id: current!.id }, data: { endDate: toUtc(input.endDate), endingPlanned: input.planned ?? null, ...TASKS_CLOSED } });
      await recorder.change(tx, actor(ctx), {
        action: "placement.ended",
        entity: "Placement",
        entityId: ended.id,
        childId: child.id,
        details: { endDate: input.endDate, planned: input.planned ?? null },
        events: [
          events.placementEnded(ended),
          ...planTaskClosed(current!, ended, "placement ended"),
          ...placementChronology(child.id, existing, withRows(existing, ended), "placement ended"),
        ],
      });
      return ended;
    });
  },

  /** A correction: only the fields given change; every placement rule is checked on the corrected history. */
  async amendPlacement(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const reason = correctionReason(input.reason);
    const found = await findPlacement(ctx, input.id);
    const child = await directory.require(db, ctx.identity, found.childId, "input.id");
    const postcode = input.postcode !== undefined ? normalisePostcode(input.postcode) : found.postcode;
    const homePostcode = input.homePostcode !== undefined ? normalisePostcode(input.homePostcode, "input.homePostcode") : found.homePostcode;
    const urn = input.urn !== undefined ? normaliseUrn(input.urn) : found.urn;
    return db.$transaction(async (tx) => {
      const history = await lockedPlacements(tx, child.tenant, child.id);
      const before = notVoided(history.find((p) => p.id === found.id));
      const endDate = input.endDate !== undefined ? input.endDate : before.endDate && fromUtc(before.endDate);
      const after = {
        type: input.type ?? before.type,
        startDate: input.startDate ?? fromUtc(before.startDate),
        endDate,
        provider: input.provider !== undefined ? input.provider : before.provider,
        postcode,
        homePostcode,
        urn,
        // DfE rule 233: no reason for change on an open episode, so reopening a placement clears it.
        reasonForChange: endDate === null ? null : before.reasonForChange,
        endingPlanned: endDate === null ? null : before.endingPlanned,
        intendedToLastUntil18: input.intendedToLastUntil18 ?? before.intendedToLastUntil18,
      };
      const previous = history.find((p) => p.id === before.previousPlacementId);
      // The neighbours a move links to this placement: the one it replaced, and the one that replaced it.
      const movedFrom = previous?.endDate && previous.endDate.getTime() === before.startDate.getTime() ? previous : null;
      const movedTo = history.find((p) => p.previousPlacementId === before.id && before.endDate && p.startDate.getTime() === before.endDate.getTime()) ?? null;
      const follow = followMove(period(before), after, movedFrom && period(movedFrom), movedTo && period(movedTo));
      const others = history
        .filter((p) => p.id !== before.id)
        .map((p) => (p.id === movedFrom?.id && follow.previous) || (p.id === movedTo?.id && follow.next) || period(p));
      checkAmendment(
        { ...after, movedInWithReason: Boolean(previous?.reasonForChange), originalStartDate: fromUtc(before.startDate) },
        others,
        child.dateOfBirth,
        child.lookedAfterSince,
      );
      const amended = await tx.placement.update({
        where: { id: before.id },
        data: {
          ...after,
          startDate: toUtc(after.startDate),
          endDate: after.endDate ? toUtc(after.endDate) : null,
          placementPlanTaskOpen: before.placementPlanTaskOpen && after.endDate === null,
          temporaryApprovalTaskOpen: before.temporaryApprovalTaskOpen && after.endDate === null,
        },
      });
      const startMoved = amended.startDate.getTime() !== before.startDate.getTime();
      const neighbours = [
        ...(movedFrom && follow.previous ? [await tx.placement.update({ where: { id: movedFrom.id }, data: { endDate: toUtc(follow.previous.endDate!) } })] : []),
        ...(movedTo && follow.next ? [await tx.placement.update({ where: { id: movedTo.id }, data: { startDate: toUtc(follow.next.startDate) } })] : []),
      ];
      await recorder.change(tx, actor(ctx), {
        action: "placement.amended",
        entity: "Placement",
        entityId: amended.id,
        childId: child.id,
        details: { reason, before: summary(before), after: summary(amended), moveFollowed: neighbours.map((n) => n.id) },
        events: [
          events.placementAmended(amended),
          ...neighbours.map(events.placementAmended),
          ...planTaskClosed(before, amended, "placement ended"),
          // Re-publishing the task with the corrected start moves its due date.
          ...(startMoved ? planTaskOpened(amended) : []),
          ...placementChronology(child.id, history, withRows(history, amended, ...neighbours), "placement corrected"),
        ],
      });
      return amended;
    });
  },

  /** Entered in error: the row stays (voidedAt, voidReason) but drops out of lists and rules. */
  async voidPlacement(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const reason = correctionReason(input.reason);
    const found = await findPlacement(ctx, input.id);
    const child = await directory.require(db, ctx.identity, found.childId, "input.id");
    return db.$transaction(async (tx) => {
      const history = await lockedPlacements(tx, child.tenant, child.id);
      const before = notVoided(history.find((p) => p.id === found.id));
      const voided = await tx.placement.update({ where: { id: before.id }, data: { voidedAt: now(), voidReason: reason, ...TASKS_CLOSED } });
      // A move entered in error did not happen: voiding the current placement it started reopens the one it ended.
      const movedFrom = history.find((p) => p.id === before.previousPlacementId && p.endDate?.getTime() === before.startDate.getTime());
      const reopened =
        before.endDate === null && movedFrom
          ? await tx.placement.update({ where: { id: movedFrom.id }, data: { endDate: null, reasonForChange: null, endingPlanned: null } })
          : null;
      await recorder.change(tx, actor(ctx), {
        action: "placement.voided",
        entity: "Placement",
        entityId: voided.id,
        childId: child.id,
        details: { reason, placement: summary(before), reopened: reopened?.id ?? null },
        events: [
          events.placementVoided(voided),
          ...planTaskClosed(before, voided, "placement voided as entered in error"),
          ...(reopened ? [events.placementAmended(reopened)] : []),
          ...placementChronology(child.id, history, withRows(history, voided, ...(reopened ? [reopened] : [])), "placement voided as entered in error"),
        ],
      });
      return voided;
    });
  },

  async startMissingEpisode(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const existing = await tx.missingEpisode.findMany({ where: { tenant: child.tenant, childId: child.id } });
      checkEpisodeStart(input.startedAt, existing, child.dateOfBirth, now());
      const episode = await tx.missingEpisode.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, kind: input.kind, startedAt: input.startedAt },
      });
      await recorder.change(tx, actor(ctx), {
        action: "missing_episode.started",
        entity: "MissingEpisode",
        entityId: episode.id,
        childId: child.id,
        details: { kind: episode.kind, startedAt: episode.startedAt.toISOString() },
        events: [events.missingEpisodeStarted(episode), ...chronologyChanges(child.id, [], missingEpisodeEntries(episode), "recorded")],
      });
      return episode;
    });
  },

  /** The child is back: the return home interview falls due 72 hours later (a statutory task). */
  async endMissingEpisode(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const found = await findEpisode(ctx, input.episodeId);
    const child = await directory.require(db, ctx.identity, found.childId, "input.episodeId");
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const episode = await tx.missingEpisode.findUniqueOrThrow({ where: { id: found.id } });
      checkEpisodeEnd(episode, input.endedAt, now());
      const due = returnHomeInterviewDue(input.endedAt);
      const ended = await tx.missingEpisode.update({
        where: { id: episode.id },
        data: { endedAt: input.endedAt, returnInterviewDueAt: due.dueAt },
      });
      await recorder.change(tx, actor(ctx), {
        action: "missing_episode.ended",
        entity: "MissingEpisode",
        entityId: ended.id,
        childId: child.id,
        details: { endedAt: input.endedAt.toISOString(), returnInterviewDueAt: due.dueAt.toISOString() },
        events: [
          events.missingEpisodeEnded(ended),
          statutoryTaskScheduled(child.id, events.returnHomeInterviewTask({ ...ended, endedAt: input.endedAt })),
          ...chronologyChanges(child.id, missingEpisodeEntries(episode), missingEpisodeEntries(ended), "missing episode corrected"),
        ],
      });
      return ended;
    });
  },

  /** Offered, held or declined; held or declined completes the statutory task. */
  async recordReturnHomeInterview(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const found = await findEpisode(ctx, input.episodeId);
    const child = await directory.require(db, ctx.identity, found.childId, "input.episodeId");
    const by = input.by?.trim() || null;
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const episode = await tx.missingEpisode.findUniqueOrThrow({ where: { id: found.id } });
      const at = now();
      checkReturnHomeInterview(episode, input, at);
      const updated = await tx.missingEpisode.update({
        where: { id: episode.id },
        data: {
          returnInterviewOfferedAt: input.offeredAt ?? episode.returnInterviewOfferedAt,
          returnInterviewHeldAt: input.heldAt ?? null,
          returnInterviewDeclined: input.declined ?? false,
          returnInterviewBy: by ?? episode.returnInterviewBy,
        },
      });
      const completedAt = updated.returnInterviewHeldAt ?? (updated.returnInterviewDeclined ? (input.offeredAt ?? at) : null);
      const done = completedAt && updated.endedAt && !updated.returnInterviewCancelledAt;
      await recorder.change(tx, actor(ctx), {
        action: "missing_episode.return_interview_recorded",
        entity: "MissingEpisode",
        entityId: updated.id,
        childId: child.id,
        details: {
          heldAt: input.heldAt?.toISOString() ?? null,
          offeredAt: input.offeredAt?.toISOString() ?? null,
          declined: input.declined ?? false,
        },
        events: [
          ...(done
            ? [
                statutoryTaskCompleted(
                  child.id,
                  events.returnHomeInterviewTask({ ...updated, endedAt: updated.endedAt! }),
                  todayInEngland(completedAt),
                  completedAt.toISOString(),
                ),
              ]
            : []),
          ...chronologyChanges(child.id, missingEpisodeEntries(episode, at), missingEpisodeEntries(updated, at), "return home interview corrected"),
        ],
      });
      return updated;
    });
  },

  /** CPPCR 2010 reg 9: the plan is prepared; its task in the work tray is completed. */
  async recordPlacementPlan(_, { input }, ctx) {
    const { recorder } = ctx.deps;
    checkPlacementPlan(input.preparedOn, today());
    return onPlacement(ctx, input.placementId, async (tx, child, before, history) => {
      const updated = await tx.placement.update({
        where: { id: before.id },
        data: { placementPlanPreparedOn: toUtc(input.preparedOn), placementPlanTaskOpen: false },
      });
      await recorder.change(tx, actor(ctx), {
        action: "placement.plan_recorded",
        entity: "Placement",
        entityId: updated.id,
        childId: child.id,
        details: { preparedOn: input.preparedOn },
        events: [
          ...(before.placementPlanTaskOpen ? [statutoryTaskCompleted(child.id, events.placementPlanTask(updated), input.preparedOn)] : []),
          ...placementChronology(child.id, history, withRows(history, updated), "placement plan corrected"),
        ],
      });
      return updated;
    });
  },

  /** CPPCR 2010 reg 25: once, by at most 8 weeks, before the approval lapses; the decision task moves with it. */
  async extendTemporaryApproval(_, { input }, ctx) {
    const { recorder } = ctx.deps;
    return onPlacement(ctx, input.placementId, async (tx, child, before, history) => {
      if (before.endDate !== null) invalidInput("input.placementId", "CURRENT_PLACEMENT", "only the child's current placement's approval can be extended");
      const approval = before.temporaryApprovalEndsOn ? { endsOn: fromUtc(before.temporaryApprovalEndsOn), extended: before.temporaryApprovalExtended } : null;
      checkExtension(approval, input.endsOn, today());
      const updated = await tx.placement.update({
        where: { id: before.id },
        data: { temporaryApprovalEndsOn: toUtc(input.endsOn), temporaryApprovalExtended: true },
      });
      await recorder.change(tx, actor(ctx), {
        action: "placement.temporary_approval_extended",
        entity: "Placement",
        entityId: updated.id,
        childId: child.id,
        details: { from: approval!.endsOn, to: input.endsOn },
        events: [
          events.temporaryApprovalExtended(updated),
          ...(updated.temporaryApprovalTaskOpen ? [statutoryTaskScheduled(child.id, events.temporaryApprovalTask(updated))] : []),
          ...placementChronology(child.id, history, withRows(history, updated), "temporary approval corrected"),
        ],
      });
      return updated;
    });
  },

  /** CPPCR 2010 reg 48: each break at most 17 days, at most 75 days in any 12 months; refused beyond, nothing written. */
  async recordShortBreak(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const others = await tx.shortBreak.findMany({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { startDate: "asc" } });
      checkShortBreak(
        input,
        others.map((b) => ({ startDate: fromUtc(b.startDate), endDate: fromUtc(b.endDate) })),
        child.dateOfBirth,
      );
      const created = await tx.shortBreak.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          startDate: toUtc(input.startDate),
          endDate: toUtc(input.endDate),
          legalStatus: input.legalStatus ?? "V3",
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "short_break.recorded",
        entity: "ShortBreak",
        entityId: created.id,
        childId: child.id,
        details: { startDate: input.startDate, endDate: input.endDate, legalStatus: created.legalStatus },
        events: [events.shortBreakRecorded(created), ...chronologyChanges(child.id, [], shortBreakEntries(created), "recorded")],
      });
      return created;
    });
  },

  /** After an unplanned ending (a disruption), the meeting that learns from it. */
  async recordDisruptionMeeting(_, { input }, ctx) {
    const { recorder } = ctx.deps;
    return onPlacement(ctx, input.placementId, async (tx, child, before, history) => {
      checkDisruptionMeeting({ ...period(before), endingPlanned: before.endingPlanned }, input.heldOn, today());
      const updated = await tx.placement.update({ where: { id: before.id }, data: { disruptionMeetingHeldOn: toUtc(input.heldOn) } });
      await recorder.change(tx, actor(ctx), {
        action: "placement.disruption_meeting_recorded",
        entity: "Placement",
        entityId: updated.id,
        childId: child.id,
        details: { heldOn: input.heldOn },
        events: [
          events.disruptionMeetingHeld(updated),
          ...placementChronology(child.id, history, withRows(history, updated), "disruption meeting corrected"),
        ],
      });
      return updated;
    });
  },
};
