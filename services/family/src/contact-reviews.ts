import { randomUUID } from "node:crypto";
import { NewEvent, StatutoryTask, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import { CONTACT_REVIEW_AUTHORITY, CONTACT_REVIEW_TASK, contactReviewExplanation } from "./domain/contact-review";
import type { ContactArrangementReview, Prisma, ReviewCopy } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Every write about one child — a practitioner's or an event's — runs under this lock. */
export const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `family:${childId}`);

/** The work-tray view of a contact-review task. */
export const contactReviewTask = (t: ContactArrangementReview): StatutoryTask => ({
  taskId: t.id,
  task: CONTACT_REVIEW_TASK,
  dueDate: fromUtc(t.dueDate),
  authority: CONTACT_REVIEW_AUTHORITY,
  explanation: t.explanation,
});

const isOpen = (r: ReviewCopy) => r.heldOn === null && r.cancelledAt === null;

/**
 * Brings one child's ContactArrangementReview tasks into line with its looked-after reviews and
 * contact arrangements: while a review is open, every running arrangement has one open task due on
 * the review's due date (moved, same task id, when the review moves); when the review is held its
 * open tasks are done that day; when the review is cancelled, or the arrangement ends, they are
 * cancelled with `reason`. Idempotent: a second call (the same event twice) changes nothing.
 * The caller holds the child's lock.
 */
export async function syncContactReviews(tx: Tx, tenant: string, childId: string, reason: string): Promise<NewEvent[]> {
  const [reviews, arrangements, tasks] = await Promise.all([
    tx.reviewCopy.findMany({ where: { tenant, childId }, orderBy: { dueDate: "asc" } }),
    tx.contactArrangement.findMany({ where: { tenant, childId } }),
    tx.contactArrangementReview.findMany({ where: { tenant, childId } }),
  ]);
  const members = new Map((await tx.familyMember.findMany({ where: { tenant, childId } })).map((m) => [m.id, m]));
  const events: NewEvent[] = [];
  for (const review of reviews) {
    const running = isOpen(review) ? arrangements.filter((a) => a.endDate === null) : [];
    for (const a of running) {
      const task = tasks.find((t) => t.reviewId === review.id && t.arrangementId === a.id);
      if (task && (task.state !== "OPEN" || fromUtc(task.dueDate) === fromUtc(review.dueDate))) continue;
      const explanation = contactReviewExplanation(members.get(a.familyMemberId)?.relationship ?? "OTHER", {
        dueDate: fromUtc(review.dueDate),
        explanation: review.explanation,
      });
      const saved = task
        ? await tx.contactArrangementReview.update({ where: { id: task.id }, data: { dueDate: review.dueDate, explanation } })
        : await tx.contactArrangementReview.create({
            data: { id: randomUUID(), tenant, childId, arrangementId: a.id, reviewId: review.id, dueDate: review.dueDate, explanation },
          });
      events.push(statutoryTaskScheduled(childId, contactReviewTask(saved)));
    }
    const stale = tasks.filter((t) => t.reviewId === review.id && t.state === "OPEN" && !running.some((a) => a.id === t.arrangementId));
    for (const t of stale) {
      if (review.heldOn) {
        await tx.contactArrangementReview.update({ where: { id: t.id }, data: { state: "DONE", completedOn: review.heldOn } });
        events.push(statutoryTaskCompleted(childId, contactReviewTask(t), fromUtc(review.heldOn)));
      } else {
        await tx.contactArrangementReview.update({ where: { id: t.id }, data: { state: "CANCELLED" } });
        events.push(statutoryTaskCancelled(childId, contactReviewTask(t), reason));
      }
    }
  }
  return events;
}
