import { randomUUID } from "node:crypto";
import { EventEnvelope, NewEvent, statutoryTaskCancelled, statutoryTaskScheduled } from "@caregraph/platform";
import { fromUtc, LocalDate, todayInEngland, toUtc } from "@caregraph/platform/calendar";
import { VisitPlacement as PlacementFacts, visitAuthority, visitDue, visitExplanation, VisitReason } from "./domain/statutory-visits";
import { visitTask } from "./events/published";
import type { Prisma, StatutoryVisit, VisitPlacement } from "./generated/prisma/client";
import { lockChild } from "./reviews";

type Tx = Prisma.TransactionClient;

const facts = (p: VisitPlacement): PlacementFacts => ({
  startDate: fromUtc(p.startDate),
  intendedToLastUntil18: p.intendedToLastUntil18,
  temporaryApprovalEndsOn: p.temporaryApprovalEndsOn ? fromUtc(p.temporaryApprovalEndsOn) : null,
  firstReviewHeldOn: p.firstReviewHeldOn ? fromUtc(p.firstReviewHeldOn) : null,
});

/** Reg 28(4)'s "first review": the first looked-after review held on or after the placement's start. */
async function firstReviewSince(tx: Tx, tenant: string, childId: string, startDate: LocalDate): Promise<Date | null> {
  const r = await tx.lookedAfterReview.findFirst({
    where: { tenant, childId, heldOn: { gte: toUtc(startDate) }, cancelledOn: null },
    orderBy: { heldOn: "asc" },
  });
  return r?.heldOn ?? null;
}

/** The regulation behind a visit's due date, re-derived from how its clock started. */
export const authorityOf = (v: StatutoryVisit, p: VisitPlacement | null) =>
  visitAuthority(p ? facts(p) : { startDate: fromUtc(v.scheduledFrom), intendedToLastUntil18: false }, v.reason as VisitReason, fromUtc(v.scheduledFrom));

export async function placementsById(tx: Tx, ids: string[]): Promise<Map<string, VisitPlacement>> {
  const rows = ids.length ? await tx.visitPlacement.findMany({ where: { id: { in: [...new Set(ids)] } } }) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

export async function taskOf(tx: Tx, v: StatutoryVisit) {
  const p = await tx.visitPlacement.findUnique({ where: { id: v.placementId } });
  return visitTask(v, authorityOf(v, p));
}

/** The placement the child lives in now: the latest started, not ended or voided. */
export function currentPlacement(tx: Tx, tenant: string, childId: string) {
  return tx.visitPlacement.findFirst({ where: { tenant, childId, endDate: null, voided: false }, orderBy: { startDate: "desc" } });
}

export function openVisits(tx: Tx, tenant: string, childId: string, placementId?: string) {
  return tx.statutoryVisit.findMany({
    where: { tenant, childId, visitedOn: null, cancelledOn: null, ...(placementId ? { placementId } : {}) },
    orderBy: { dueDate: "asc" },
  });
}

export async function scheduleVisit(
  tx: Tx,
  placement: VisitPlacement,
  reason: VisitReason,
  scheduledFrom: LocalDate,
): Promise<{ visit: StatutoryVisit; events: NewEvent[] }> {
  const due = visitDue(facts(placement), reason, scheduledFrom);
  const visit = await tx.statutoryVisit.create({
    data: {
      id: randomUUID(),
      tenant: placement.tenant,
      childId: placement.childId,
      placementId: placement.id,
      reason,
      scheduledFrom: toUtc(scheduledFrom),
      dueDate: toUtc(due.date),
      explanation: visitExplanation(due),
    },
  });
  return { visit, events: [statutoryTaskScheduled(placement.childId, visitTask(visit, authorityOf(visit, placement)))] };
}

async function cancel(tx: Tx, visits: StatutoryVisit[], on: LocalDate, reason: string): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  for (const v of visits) {
    const cancelled = await tx.statutoryVisit.update({ where: { id: v.id }, data: { cancelledOn: toUtc(on), cancelReason: reason } });
    events.push(statutoryTaskCancelled(v.childId, await taskOf(tx, cancelled), reason));
  }
  return events;
}

/**
 * Every placement start (CPPCR 2010 reg 28(2)(a)) restarts the clock: the previous placement's
 * open visit is cancelled and a visit falls due within 1 week of the start.
 */
export async function onPlacementStarted(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as {
    placementId: string;
    startDate: LocalDate;
    intendedToLastUntil18?: boolean;
    previousPlacementId?: string | null;
    temporaryApprovalEndsOn?: LocalDate | null;
  };
  await lockChild(tx, e.childId);
  // Reg 28(4): a connected person approved temporarily (reg 24) sets the visit regime.
  const regime = {
    intendedToLastUntil18: p.intendedToLastUntil18 ?? false,
    temporaryApprovalEndsOn: p.temporaryApprovalEndsOn ? toUtc(p.temporaryApprovalEndsOn) : null,
    firstReviewHeldOn: p.temporaryApprovalEndsOn ? await firstReviewSince(tx, e.tenant, e.childId, p.startDate) : null,
  };
  const placement = await tx.visitPlacement.upsert({
    where: { id: p.placementId },
    create: { id: p.placementId, tenant: e.tenant, childId: e.childId, startDate: toUtc(p.startDate), ...regime },
    update: { startDate: toUtc(p.startDate), ...regime },
  });
  if (p.previousPlacementId) {
    await tx.visitPlacement.updateMany({ where: { id: p.previousPlacementId, tenant: e.tenant, endDate: null }, data: { endDate: toUtc(p.startDate) } });
  }
  const later = await tx.visitPlacement.findFirst({
    where: { tenant: e.tenant, childId: e.childId, id: { not: placement.id }, voided: false, startDate: { gt: placement.startDate } },
  });
  // An earlier placement recorded after the fact: the child does not live there now.
  if (later) return [];
  const open = await openVisits(tx, e.tenant, e.childId);
  const events = await cancel(tx, open.filter((v) => v.placementId !== placement.id), p.startDate, "the child moved placement");
  const known = await tx.statutoryVisit.findFirst({ where: { tenant: e.tenant, placementId: placement.id } });
  if (!known) events.push(...(await scheduleVisit(tx, placement, "PLACEMENT_START", p.startDate)).events);
  return events;
}

/**
 * A corrected placement: its start date or intended-to-18 flag may change the open visit's due
 * date (re-published as Scheduled with the same task id); an end date stops the clock.
 */
export async function onPlacementAmended(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { placementId: string; startDate: LocalDate; endDate?: LocalDate | null; intendedToLastUntil18?: boolean };
  await lockChild(tx, e.childId);
  const existing = await tx.visitPlacement.findUnique({ where: { id: p.placementId } });
  if (existing && existing.tenant !== e.tenant) return [];
  const placement = await tx.visitPlacement.upsert({
    where: { id: p.placementId },
    create: {
      id: p.placementId,
      tenant: e.tenant,
      childId: e.childId,
      startDate: toUtc(p.startDate),
      endDate: p.endDate ? toUtc(p.endDate) : null,
      intendedToLastUntil18: p.intendedToLastUntil18 ?? false,
    },
    update: {
      startDate: toUtc(p.startDate),
      endDate: p.endDate ? toUtc(p.endDate) : null,
      intendedToLastUntil18: p.intendedToLastUntil18 ?? existing?.intendedToLastUntil18 ?? false,
    },
  });
  const open = await openVisits(tx, e.tenant, e.childId, placement.id);
  if (p.endDate) return cancel(tx, open, p.endDate, "the placement ended");
  const events: NewEvent[] = [];
  if (!open.length && existing?.endDate && !placement.voided) {
    // An end entered in error was taken back: the clock runs again from the last visit made there.
    const later = await tx.visitPlacement.findFirst({
      where: { tenant: e.tenant, childId: e.childId, id: { not: placement.id }, voided: false, startDate: { gt: placement.startDate } },
    });
    if (later) return [];
    const last = await tx.statutoryVisit.findFirst({ where: { placementId: placement.id, visitedOn: { not: null } }, orderBy: { visitedOn: "desc" } });
    const next = last?.visitedOn
      ? await scheduleVisit(tx, placement, "PREVIOUS_VISIT", fromUtc(last.visitedOn))
      : await scheduleVisit(tx, placement, "PLACEMENT_START", p.startDate);
    return next.events;
  }
  for (const v of open) {
    const from = v.reason === "PLACEMENT_START" ? p.startDate : fromUtc(v.scheduledFrom);
    const due = visitDue(facts(placement), v.reason as VisitReason, from);
    const explanation = visitExplanation(due);
    if (fromUtc(v.dueDate) === due.date && v.explanation === explanation) continue;
    const moved = await tx.statutoryVisit.update({
      where: { id: v.id },
      data: { scheduledFrom: toUtc(from), dueDate: toUtc(due.date), explanation },
    });
    events.push(statutoryTaskScheduled(e.childId, visitTask(moved, authorityOf(moved, placement))));
  }
  return events;
}

/**
 * Reg 25: a connected person's temporary approval extended (placements: TemporaryApprovalExtended),
 * or corrected (TemporaryApprovalAmended; endsOn null: there was none): reg 28(4)'s visit regime
 * runs to the new end. Open visits keep their due dates (an interval
 * under reg 28(4) is never longer than one under reg 28(2)).
 */
export async function onTemporaryApprovalExtended(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { placementId: string; endsOn?: LocalDate | null };
  await lockChild(tx, e.childId);
  const placement = await tx.visitPlacement.findFirst({ where: { id: p.placementId, tenant: e.tenant } });
  if (!placement) return [];
  // An approval added by a correction: reg 28(4)'s first review may already have been held.
  const firstReviewHeldOn = placement.firstReviewHeldOn ?? (await firstReviewSince(tx, e.tenant, e.childId, fromUtc(placement.startDate)));
  await tx.visitPlacement.update({
    where: { id: placement.id },
    data: { temporaryApprovalEndsOn: p.endsOn ? toUtc(p.endsOn) : null, firstReviewHeldOn },
  });
  return [];
}

/**
 * A looked-after review held: for the child's current placement with a connected person approved
 * temporarily, the first review since it began ends reg 28(4)'s weekly visits (the next interval,
 * from the next visit made, is 4 weeks). The open visit keeps its weekly due date: its interval
 * began before the review.
 */
export async function noteReviewHeld(tx: Tx, tenant: string, childId: string, heldOn: LocalDate): Promise<void> {
  await tx.visitPlacement.updateMany({
    where: { tenant, childId, endDate: null, voided: false, temporaryApprovalEndsOn: { not: null }, firstReviewHeldOn: null, startDate: { lte: toUtc(heldOn) } },
    data: { firstReviewHeldOn: toUtc(heldOn) },
  });
}

/** A placement that ends (CPPCR 2010 reg 28 applies to a placement) stops its visit clock. */
export async function onPlacementEnded(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { placementId: string; endDate?: LocalDate | null };
  await lockChild(tx, e.childId);
  const on = p.endDate ?? todayInEngland(new Date(e.occurredAt));
  await tx.visitPlacement.updateMany({ where: { id: p.placementId, tenant: e.tenant }, data: { endDate: toUtc(on) } });
  return cancel(tx, await openVisits(tx, e.tenant, e.childId, p.placementId), on, "the placement ended");
}

/** A placement entered in error: its visits are no longer due. */
export async function onPlacementVoided(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { placementId: string };
  await lockChild(tx, e.childId);
  await tx.visitPlacement.updateMany({ where: { id: p.placementId, tenant: e.tenant }, data: { voided: true } });
  const on = todayInEngland(new Date(e.occurredAt));
  return cancel(tx, await openVisits(tx, e.tenant, e.childId, p.placementId), on, "the placement record was voided");
}

/** Leaving care stops every visit clock. */
export async function stopVisits(tx: Tx, e: EventEnvelope, on: LocalDate, reason: string): Promise<NewEvent[]> {
  await tx.visitPlacement.updateMany({ where: { tenant: e.tenant, childId: e.childId, endDate: null }, data: { endDate: toUtc(on) } });
  return cancel(tx, await openVisits(tx, e.tenant, e.childId), on, reason);
}
