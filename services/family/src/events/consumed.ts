import { EventEnvelope, mergeHandlers, Recorder } from "@caregraph/platform";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { now } from "@caregraph/platform/clock";
import { lockChild, syncContactReviews } from "../contact-reviews";
import { directory } from "../context";
import { localAuthorityBasis } from "../domain/parental-responsibility";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

const LOOKED_AFTER_REVIEW = "LookedAfterReview";

/**
 * The local authority's PR follows the child's current legal status. A status starting on or after
 * the one held now replaces it; a back-dated one recorded later does not, unless `current` says it
 * is the current status (an amendment of the open status). C1 then C2 is one unbroken run of care
 * orders: `since` stays at the first.
 */
async function legalStatusFrom(tx: Tx, e: EventEnvelope, code: string | null | undefined, startDate: LocalDate | null | undefined, current = false) {
  if (!code || !startDate) return;
  const held = await tx.localAuthorityResponsibility.findUnique({ where: { childId: e.childId } });
  if (held && held.tenant !== e.tenant) return;
  if (!current && held?.legalSince && compareDates(startDate, fromUtc(held.legalSince)) < 0) return;
  const basis = localAuthorityBasis(code);
  const keepSince = basis && held?.basis === basis && held.since && compareDates(fromUtc(held.since), startDate) <= 0;
  const data = { legalStatus: code, legalSince: toUtc(startDate), basis, since: keepSince ? held.since : basis ? toUtc(startDate) : null };
  await tx.localAuthorityResponsibility.upsert({ where: { childId: e.childId }, create: { tenant: e.tenant, childId: e.childId, ...data }, update: data });
}

/**
 * What the family domain reacts to (each runs once per event: idempotent consumer).
 * - children: the local copy of the child (directory); the legal status, for the local
 *   authority's PR (ChildRegistered, ChildBecameLookedAfter, LegalStatusChanged, LegalStatusAmended
 *   for the current status); leaving care ends it and cancels the contact-review tasks.
 *   LegalStatusVoided is not applied: LegalStatusChanged carries no legalStatusId, so this copy
 *   cannot tell which status remains (the next change or amendment puts it right).
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

  return mergeHandlers<Tx>(directory.handlers, {
    ChildRegistered: async (tx, e) => {
      const p = e.payload as { lookedAfterSince?: LocalDate | null; legalStatus?: string | null };
      await lockChild(tx, e.childId);
      await legalStatusFrom(tx, e, p.legalStatus, p.lookedAfterSince);
    },
    ChildBecameLookedAfter: async (tx, e) => {
      const p = e.payload as { date: LocalDate; legalStatus?: string | null; corrected?: boolean };
      await lockChild(tx, e.childId);
      if (!p.corrected) return legalStatusFrom(tx, e, p.legalStatus, p.date);
      // A corrected start date moves the status the period began with, if it is still the current one.
      const held = await tx.localAuthorityResponsibility.findUnique({ where: { childId: e.childId } });
      if (held?.tenant === e.tenant && held.legalStatus === p.legalStatus) {
        const data = { legalSince: toUtc(p.date), since: held.basis ? toUtc(p.date) : null };
        await tx.localAuthorityResponsibility.update({ where: { childId: e.childId }, data });
      }
    },
    LegalStatusChanged: async (tx, e) => {
      const p = e.payload as { code: string; startDate: LocalDate };
      await lockChild(tx, e.childId);
      await legalStatusFrom(tx, e, p.code, p.startDate);
    },
    LegalStatusAmended: async (tx, e) => {
      const p = e.payload as { code: string; startDate: LocalDate; endDate?: LocalDate | null };
      if (p.endDate) return; // an earlier status corrected: the current one stands
      await lockChild(tx, e.childId);
      await legalStatusFrom(tx, e, p.code, p.startDate, true);
    },
    // Leaving care: no order keeps the authority's PR (a care order ends the child's being looked
    // after only when it ends), and no looked-after review will consider contact.
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
      // A review recorded with none open was never scheduled here: keep it, it has no tasks.
      await tx.reviewCopy.upsert({
        where: { id: p.reviewId },
        create: { id: p.reviewId, ...at(e), dueDate: toUtc(p.dueDate), explanation: "", heldOn: toUtc(p.heldOn) },
        update: { heldOn: toUtc(p.heldOn) },
      });
    }),
  });
}
