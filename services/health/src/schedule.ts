import { randomUUID } from "node:crypto";
import { EventEnvelope, NewEvent, statutoryTaskCancelled, statutoryTaskScheduled } from "@caregraph/platform";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { ENCRYPTED } from "./encrypted-fields";
import {
  AUTHORITY,
  healthAssessmentExplanation,
  initialHealthAssessmentDue,
  reassessmentAfterMoveDue,
  recentAssessmentStands,
  reviewHealthAssessmentDue,
} from "./domain/health-assessments";
import { directory } from "./context";
import type { HealthAssessment, HealthAssessmentKind, HealthAssessmentReason, Prisma } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

const TASK = { INITIAL: "InitialHealthAssessment", REVIEW: "ReviewHealthAssessment" } as const;

/** The reason the work tray is given when a child leaves care (agreed across every domain). */
export const CEASED_LOOKED_AFTER = "ceased to be looked after";

/** The work-tray view of an assessment; the explanation is recomputed from the row by the rule that set it. */
export const task = (a: HealthAssessment) => ({
  taskId: a.id,
  task: TASK[a.kind],
  dueDate: fromUtc(a.dueDate),
  authority: a.reason === "PLACEMENT_MOVE" ? AUTHORITY.PLACEMENT_MOVE : AUTHORITY[a.kind],
  explanation: healthAssessmentExplanation({ kind: a.kind, reason: a.reason, scheduledFrom: fromUtc(a.scheduledFrom), dueDate: fromUtc(a.dueDate) }),
});

const live = { voidedAt: null } as const;

export function openAssessments(tx: Tx, tenant: string, childId: string) {
  return tx.healthAssessment.findMany({
    where: { tenant, childId, completedOn: null, cancelledOn: null, ...live },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
  });
}

/** Every day the child was assessed (voided completions left out), in no particular order. */
async function completionDates(tx: Tx, tenant: string, childId: string): Promise<LocalDate[]> {
  const done = await tx.healthAssessment.findMany({
    where: { tenant, childId, completedOn: { not: null }, ...live },
    select: { completedOn: true },
  });
  return done.flatMap((a) => (a.completedOn ? [fromUtc(a.completedOn)] : []));
}

export async function schedule(
  tx: Tx,
  at: { tenant: string; childId: string },
  kind: HealthAssessmentKind,
  reason: HealthAssessmentReason,
  scheduledFrom: LocalDate,
  dueDate: LocalDate,
): Promise<{ assessment: HealthAssessment; events: NewEvent[] }> {
  const assessment = await tx.healthAssessment.create({
    data: { id: randomUUID(), ...at, kind, reason, scheduledFrom: toUtc(scheduledFrom), dueDate: toUtc(dueDate) },
  });
  return { assessment, events: [statutoryTaskScheduled(at.childId, task(assessment))] };
}

async function cancel(tx: Tx, a: HealthAssessment, on: LocalDate, why: string): Promise<NewEvent> {
  await tx.healthAssessment.update({ where: { id: a.id }, data: { cancelledOn: toUtc(on) } });
  return statutoryTaskCancelled(a.childId, task(a), why);
}

/**
 * Becoming looked after (or a corrected date for it): an initial health assessment, unless one is
 * open or an assessment done in the 3 months before (or since) stands. Every completion is
 * checked, whatever order they were recorded or the events arrived in.
 */
export async function onBecameLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { date, corrected } = e.payload as { date: LocalDate; corrected?: boolean };
  const at = { tenant: e.tenant, childId: e.childId };
  const stands = recentAssessmentStands(date, await completionDates(tx, e.tenant, e.childId));
  const openIha = (await openAssessments(tx, e.tenant, e.childId)).find((a) => a.kind === "INITIAL");
  if (openIha) {
    // A corrected looked-after date moves the open IHA's clock (or makes it unnecessary).
    if (!corrected || openIha.reason !== "BECAME_LOOKED_AFTER" || fromUtc(openIha.scheduledFrom) === date) return [];
    if (stands) return [await cancel(tx, openIha, today(), "an assessment in the 3 months before becoming looked after stands")];
    const moved = await tx.healthAssessment.update({
      where: { id: openIha.id },
      data: { scheduledFrom: toUtc(date), dueDate: toUtc(initialHealthAssessmentDue(date)) },
    });
    return [statutoryTaskScheduled(e.childId, task(moved))];
  }
  if (stands) {
    // Back in care with a recent assessment: no IHA, but the periodic review runs from it.
    const child = await directory.loader(tx, e.tenant).load(e.childId);
    return child ? reconcileReviews(tx, child) : [];
  }
  return (await schedule(tx, at, "INITIAL", "BECAME_LOOKED_AFTER", date, initialHealthAssessmentDue(date))).events;
}

/** Leaving care: every open assessment is cancelled on the day care ended (agreed across domains). */
export async function onCeasedLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { endDate } = e.payload as { endDate?: LocalDate };
  const events: NewEvent[] = [];
  for (const a of await openAssessments(tx, e.tenant, e.childId)) events.push(await cancel(tx, a, endDate ?? today(), CEASED_LOOKED_AFTER));
  return events;
}

/**
 * A placement move: a review due within 20 working days of the move. One open review at a time:
 * an open review due later is brought forward; one due sooner stands. While the initial health
 * assessment is still open it covers the move (CPPCR 2010 reg 7): nothing more is scheduled.
 */
export async function onPlacementMove(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { isMove?: boolean; startDate: LocalDate };
  if (!p.isMove) return [];
  const due = reassessmentAfterMoveDue(p.startDate);
  const open = await openAssessments(tx, e.tenant, e.childId);
  if (open.some((a) => a.kind === "INITIAL")) return [];
  // An assessment done on or after the move day already covers it (events can arrive late).
  const since = await tx.healthAssessment.findFirst({
    where: { tenant: e.tenant, childId: e.childId, completedOn: { gte: toUtc(p.startDate) }, ...live },
  });
  if (since) return [];
  const openReview = open.find((a) => a.kind === "REVIEW");
  if (openReview && compareDates(fromUtc(openReview.dueDate), due) <= 0) return [];
  if (openReview) {
    const moved = await tx.healthAssessment.update({
      where: { id: openReview.id },
      data: { dueDate: toUtc(due), reason: "PLACEMENT_MOVE", scheduledFrom: toUtc(p.startDate) },
    });
    return [statutoryTaskScheduled(e.childId, task(moved))];
  }
  return (await schedule(tx, { tenant: e.tenant, childId: e.childId }, "REVIEW", "PLACEMENT_MOVE", p.startDate, due)).events;
}

/** Open reviews a completed assessment makes redundant: those scheduled on or before it. */
export async function supersedeReviews(tx: Tx, open: HealthAssessment[], completedOn: LocalDate): Promise<NewEvent[]> {
  const superseded = open.filter((a) => a.kind === "REVIEW" && compareDates(fromUtc(a.scheduledFrom), completedOn) <= 0);
  const events: NewEvent[] = [];
  for (const a of superseded) {
    await tx.healthAssessment.update({
      where: { id: a.id },
      data: { cancelledOn: toUtc(completedOn), note: ENCRYPTED.assessmentNote.seal(a.id, `superseded by the assessment completed on ${completedOn}`) },
    });
    events.push(statutoryTaskCancelled(a.childId, task(a), "superseded by a completed assessment"));
  }
  return events;
}

/**
 * After an assessment is recorded, amended or voided: the child's one open review, worked out again
 * from the latest completion that stands. A move review due sooner than that stands; otherwise the
 * open review is moved (same task id, re-published as Scheduled), extra ones are cancelled, and a
 * review is scheduled if none is open. While the initial assessment is open no review is needed
 * (the IHA sets the clock when it is done).
 */
export async function reconcileReviews(
  tx: Tx,
  child: { tenant: string; id: string; dateOfBirth: LocalDate; lookedAfterSince: LocalDate | null },
  prefer?: string,
): Promise<NewEvent[]> {
  const open = await openAssessments(tx, child.tenant, child.id);
  const reviews = open.filter((a) => a.kind === "REVIEW");
  const events: NewEvent[] = [];
  const dropAllBut = async (keep: HealthAssessment | undefined, why: string) => {
    for (const r of reviews) if (r.id !== keep?.id) events.push(await cancel(tx, r, today(), why));
  };
  if (open.some((a) => a.kind === "INITIAL")) {
    await dropAllBut(undefined, "the initial health assessment is open again and covers it");
    return events;
  }
  const latest = (await completionDates(tx, child.tenant, child.id)).sort(compareDates).at(-1);
  if (!latest) {
    await dropAllBut(undefined, "no completed assessment remains to count the review from");
    return events;
  }
  const due = reviewHealthAssessmentDue(latest, child.dateOfBirth);
  const moveReview = reviews.find(
    (r) => r.reason === "PLACEMENT_MOVE" && compareDates(fromUtc(r.scheduledFrom), latest) > 0 && compareDates(fromUtc(r.dueDate), due) <= 0,
  );
  if (moveReview) {
    await dropAllBut(moveReview, "a placement-move review is due sooner");
    return events;
  }
  const keep = reviews.find((r) => r.id === prefer) ?? reviews.find((r) => r.reason === "PERIODIC_REVIEW") ?? reviews[0];
  await dropAllBut(keep, "the next review was worked out again after a correction");
  if (keep) {
    if (keep.reason !== "PERIODIC_REVIEW" || fromUtc(keep.scheduledFrom) !== latest || fromUtc(keep.dueDate) !== due) {
      const moved = await tx.healthAssessment.update({
        where: { id: keep.id },
        data: { reason: "PERIODIC_REVIEW", scheduledFrom: toUtc(latest), dueDate: toUtc(due) },
      });
      events.push(statutoryTaskScheduled(child.id, task(moved)));
    }
    return events;
  }
  if (!child.lookedAfterSince) return events; // not looked after: no statutory review to schedule
  events.push(...(await schedule(tx, { tenant: child.tenant, childId: child.id }, "REVIEW", "PERIODIC_REVIEW", latest, due)).events);
  return events;
}
