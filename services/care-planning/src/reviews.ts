import { randomUUID } from "node:crypto";
import { EventEnvelope, NewEvent, statutoryTaskCancelled, statutoryTaskScheduled } from "@caregraph/platform";
import { fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { firstReviewDue, reviewDue } from "./domain/looked-after-reviews";
import { reviewTask } from "./events/published";
import type { LookedAfterReview, Prisma } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const lockChild = (tx: Tx, childId: string) =>
  tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `care-planning:${childId}`);

export function openReview(tx: Tx, tenant: string, childId: string) {
  return tx.lookedAfterReview.findFirst({ where: { tenant, childId, heldOn: null, cancelledOn: null }, orderBy: { dueDate: "asc" } });
}

/** The last review held in a period of care. */
export function lastHeldReview(tx: Tx, tenant: string, childId: string, periodStart: LocalDate) {
  return tx.lookedAfterReview.findFirst({
    where: { tenant, childId, periodStart: toUtc(periodStart), heldOn: { not: null } },
    orderBy: { sequence: "desc" },
  });
}

export async function scheduleReview(
  tx: Tx,
  at: { tenant: string; childId: string },
  periodStart: LocalDate,
  sequence: number,
  scheduledFrom: LocalDate,
): Promise<{ review: LookedAfterReview; events: NewEvent[] }> {
  const review = await tx.lookedAfterReview.create({
    data: {
      id: randomUUID(),
      ...at,
      periodStart: toUtc(periodStart),
      sequence,
      scheduledFrom: toUtc(scheduledFrom),
      dueDate: toUtc(reviewDue(sequence, scheduledFrom).date),
    },
  });
  return { review, events: [statutoryTaskScheduled(at.childId, reviewTask(review))] };
}

/**
 * Becoming looked after starts the review clock (CPPCR 2010 reg 33(1)). A corrected start date
 * (`corrected: true`) moves the first review while it has not been held; a new period of care
 * (after leaving care) starts again at review 1.
 */
export async function onBecameLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { date: LocalDate; corrected?: boolean };
  const at = { tenant: e.tenant, childId: e.childId };
  await lockChild(tx, e.childId);
  const open = await openReview(tx, e.tenant, e.childId);
  if (p.corrected && !open) {
    // Review 1 already held (or none open): the corrected start cannot move a review that happened.
    const any = await tx.lookedAfterReview.findFirst({ where: { ...at, cancelledOn: null } });
    if (any) return [];
  }
  if (p.corrected && open) {
    if (open.sequence !== 1) return [];
    const moved = await tx.lookedAfterReview.update({
      where: { id: open.id },
      data: { periodStart: toUtc(p.date), scheduledFrom: toUtc(p.date), dueDate: toUtc(firstReviewDue(p.date).date) },
    });
    return [statutoryTaskScheduled(e.childId, reviewTask(moved))];
  }
  if (open && fromUtc(open.periodStart) === p.date) return [];
  const samePeriod = await tx.lookedAfterReview.findFirst({ where: { ...at, periodStart: toUtc(p.date) } });
  if (samePeriod) return [];
  const events: NewEvent[] = [];
  if (open) {
    // A new period of care began while a review of the last one was still open: that one is moot.
    const cancelled = await tx.lookedAfterReview.update({
      where: { id: open.id },
      data: { cancelledOn: toUtc(p.date), cancelReason: "a new period of care began" },
    });
    events.push(statutoryTaskCancelled(e.childId, reviewTask(cancelled), "a new period of care began"));
  }
  events.push(...(await scheduleReview(tx, at, p.date, 1, p.date)).events);
  return events;
}

/** Leaving care: no more reviews are due in this period of care. */
export async function cancelOpenReviews(tx: Tx, e: EventEnvelope, on: LocalDate, reason: string): Promise<NewEvent[]> {
  const open = await tx.lookedAfterReview.findMany({ where: { tenant: e.tenant, childId: e.childId, heldOn: null, cancelledOn: null } });
  const events: NewEvent[] = [];
  for (const r of open) {
    const cancelled = await tx.lookedAfterReview.update({ where: { id: r.id }, data: { cancelledOn: toUtc(on), cancelReason: reason } });
    events.push(statutoryTaskCancelled(e.childId, reviewTask(cancelled), reason));
  }
  return events;
}
