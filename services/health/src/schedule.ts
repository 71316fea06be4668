import { randomUUID } from "node:crypto";
import { EventEnvelope, NewEvent, statutoryTaskCancelled, statutoryTaskScheduled } from "@caregraph/platform";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import {
  AUTHORITY,
  healthAssessmentExplanation,
  initialHealthAssessmentDue,
  reassessmentAfterMoveDue,
  recentAssessmentStands,
} from "./domain/health-assessments";
import type { HealthAssessment, HealthAssessmentKind, HealthAssessmentReason, Prisma } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

const TASK = { INITIAL: "InitialHealthAssessment", REVIEW: "ReviewHealthAssessment" } as const;

/** The work-tray view of an assessment. */
export const task = (a: HealthAssessment) => ({
  taskId: a.id,
  task: TASK[a.kind],
  dueDate: fromUtc(a.dueDate),
  authority: a.reason === "PLACEMENT_MOVE" ? AUTHORITY.PLACEMENT_MOVE : AUTHORITY[a.kind],
  explanation: healthAssessmentExplanation({ kind: a.kind, reason: a.reason, scheduledFrom: fromUtc(a.scheduledFrom), dueDate: fromUtc(a.dueDate) }),
});

export function openAssessments(tx: Tx, tenant: string, childId: string) {
  return tx.healthAssessment.findMany({
    where: { tenant, childId, completedOn: null, cancelledOn: null },
    orderBy: [{ dueDate: "asc" }],
  });
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

/** Becoming looked after: an initial health assessment, unless one is open or a recent one stands. */
export async function onBecameLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const date = (e.payload as { date: LocalDate }).date;
  const at = { tenant: e.tenant, childId: e.childId };
  const open = await openAssessments(tx, e.tenant, e.childId);
  if (open.some((a) => a.kind === "INITIAL")) return [];
  const last = await tx.healthAssessment.findFirst({
    where: { ...at, completedOn: { not: null } },
    orderBy: { completedOn: "desc" },
  });
  if (recentAssessmentStands(date, last?.completedOn ? fromUtc(last.completedOn) : null)) return [];
  return (await schedule(tx, at, "INITIAL", "BECAME_LOOKED_AFTER", date, initialHealthAssessmentDue(date))).events;
}

/**
 * A placement move: a review due within 20 working days of the move. One open review at a time:
 * an open review due later is brought forward; one due sooner stands.
 */
export async function onPlacementMove(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { isMove?: boolean; startDate: LocalDate };
  if (!p.isMove) return [];
  // An assessment done on or after the move day already covers it (events can arrive late).
  const since = await tx.healthAssessment.findFirst({
    where: { tenant: e.tenant, childId: e.childId, completedOn: { gte: toUtc(p.startDate) } },
  });
  if (since) return [];
  const due = reassessmentAfterMoveDue(p.startDate);
  const openReview = (await openAssessments(tx, e.tenant, e.childId)).find((a) => a.kind === "REVIEW");
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
      data: { cancelledOn: toUtc(completedOn), note: `superseded by the assessment completed on ${completedOn}` },
    });
    events.push(statutoryTaskCancelled(a.childId, task(a), "superseded by a completed assessment"));
  }
  return events;
}

