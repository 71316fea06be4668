import { EventEnvelope, mergeHandlers, Recorder } from "@caregraph/platform";
import { LocalDate, toUtc } from "@caregraph/platform/calendar";
import { now } from "@caregraph/platform/clock";
import { lockChild, syncContactReviews } from "../contact-reviews";
import { directory } from "../context";
import { legalStatusHandlers } from "../local-authority";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

const LOOKED_AFTER_REVIEW = "LookedAfterReview";

/**
 * What the family domain reacts to (each runs once per event: idempotent consumer).
 * - children: the local copy of the child (directory); the legal status, for the local
 *   authority's PR (local-authority.ts); leaving care ends that and cancels the contact-review tasks.
 * - care-planning: a LookedAfterReview scheduled or moved (StatutoryTaskScheduled) puts every
 *   running contact arrangement on its agenda; LookedAfterReviewHeld completes those tasks;
 *   a LookedAfterReview cancelled (StatutoryTaskCancelled) cancels them.
 */
export function handlers(recorder: Recorder) {
  const syncing =
    (reason: string | ((e: EventEnvelope) => string), apply: (tx: Tx, e: EventEnvelope) => Promise<boolean | void>) => async (tx: Tx, e: EventEnvelope) => {
      await lockChild(tx, e.childId);
      if ((await apply(tx, e)) === false) return;
      const events = await syncContactReviews(tx, e.tenant, e.childId, typeof reason === "string" ? reason : reason(e));
      if (events.length) await recorder.consequence(tx, e, events);
    };
  const at = (e: EventEnvelope) => ({ tenant: e.tenant, childId: e.childId });

  return mergeHandlers<Tx>(directory.handlers, legalStatusHandlers, {
    // Leaving care: a child under a care, placement or emergency protection order is looked after
    // while it lasts (CA 1989 s.22(1), s.105(1); ACA 2002 s.18(3)), so the authority's PR has
    // ended too; and no looked-after review will consider contact.
    ChildCeasedLookedAfter: syncing("the child ceased to be looked after", async (tx, e) => {
      await tx.localAuthorityResponsibility.updateMany({ where: at(e), data: { basis: null, since: null, legalStatus: null, legalSince: null } });
      await tx.reviewCopy.updateMany({ where: { ...at(e), heldOn: null, cancelledAt: null }, data: { cancelledAt: now() } });
    }),

    StatutoryTaskScheduled: syncing("the looked-after review no longer needs it", async (tx, e) => {
      const p = e.payload as { task: string; taskId: string; dueDate: LocalDate; explanation: string };
      if (e.source !== "care-planning" || p.task !== LOOKED_AFTER_REVIEW) return false;
      const data = { dueDate: toUtc(p.dueDate), explanation: p.explanation };
      const held = await tx.reviewCopy.findUnique({ where: { id: p.taskId } });
      if (held && held.tenant !== e.tenant) return false;
      await tx.reviewCopy.upsert({ where: { id: p.taskId }, create: { id: p.taskId, ...at(e), ...data }, update: data });
    }),
    StatutoryTaskCancelled: syncing(
      (e) => `the looked-after review was cancelled (${(e.payload as { reason?: string }).reason ?? "no reason given"})`,
      async (tx, e) => {
        const p = e.payload as { task: string; taskId: string };
        if (e.source !== "care-planning" || p.task !== LOOKED_AFTER_REVIEW) return false;
        await tx.reviewCopy.updateMany({ where: { id: p.taskId, ...at(e), heldOn: null, cancelledAt: null }, data: { cancelledAt: now() } });
      },
    ),
    LookedAfterReviewHeld: syncing("the looked-after review was held", async (tx, e) => {
      const p = e.payload as { reviewId: string; dueDate: LocalDate; heldOn: LocalDate | null };
      if (!p.heldOn) return false;
      const held = await tx.reviewCopy.findUnique({ where: { id: p.reviewId } });
      if (held && held.tenant !== e.tenant) return false;
      // A review recorded with none open was not scheduled here: keep it, it has no tasks.
      await tx.reviewCopy.upsert({
        where: { id: p.reviewId },
        create: { id: p.reviewId, ...at(e), dueDate: toUtc(p.dueDate), explanation: "", heldOn: toUtc(p.heldOn) },
        update: { heldOn: toUtc(p.heldOn) },
      });
    }),
  });
}
