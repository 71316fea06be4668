import { EventEnvelope, mergeHandlers, NewEvent, Recorder, statutoryTaskCancelled } from "@caregraph/platform";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { now } from "@caregraph/platform/clock";
import { directory } from "../context";
import type { Prisma } from "../generated/prisma/client";
import { placementEnded, placementPlanTask, returnHomeInterviewTask, temporaryApprovalTask } from "./published";

type Tx = Prisma.TransactionClient;

/**
 * The child stops being looked after (children: ChildCeasedLookedAfter {endDate, reason}): the
 * placement they live in ends that day, and return home interviews still open are cancelled like
 * every domain's open tasks. A placement that started after the end of care ends on its start day.
 */
export async function onCeasedLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { endDate } = e.payload as { endDate: LocalDate };
  const at = { tenant: e.tenant, childId: e.childId };
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `placements:${e.childId}`);
  const out: NewEvent[] = [];
  const open = await tx.placement.findFirst({ where: { ...at, endDate: null, voidedAt: null } });
  if (open) {
    const start = fromUtc(open.startDate);
    const end = compareDates(endDate, start) < 0 ? start : endDate;
    const ended = await tx.placement.update({ where: { id: open.id }, data: { endDate: toUtc(end), placementPlanTaskOpen: false, temporaryApprovalTaskOpen: false } });
    out.push(placementEnded(ended));
    if (open.placementPlanTaskOpen) out.push(statutoryTaskCancelled(e.childId, placementPlanTask(ended), "ceased to be looked after"));
    if (open.temporaryApprovalTaskOpen) out.push(statutoryTaskCancelled(e.childId, temporaryApprovalTask(ended), "ceased to be looked after"));
  }
  const pending = await tx.missingEpisode.findMany({
    where: { ...at, endedAt: { not: null }, returnInterviewHeldAt: null, returnInterviewDeclined: false, returnInterviewCancelledAt: null },
  });
  for (const episode of pending) {
    await tx.missingEpisode.update({ where: { id: episode.id }, data: { returnInterviewCancelledAt: now() } });
    out.push(statutoryTaskCancelled(e.childId, returnHomeInterviewTask({ ...episode, endedAt: episode.endedAt! }), "ceased to be looked after"));
  }
  return out;
}

/** The family domain's sibling relationships (its SIBLINGS list). */
const SIBLINGS = ["SIBLING", "HALF_SIBLING", "STEP_SIBLING"];

/**
 * family: FamilyMemberAdded with a linked child (a sibling who is also a child in CareGraph): the
 * two are siblings each way, for matching (siblings placed together, Children Act 1989 s22C(8)(c)).
 * Ids and the relationship code only.
 */
export async function onFamilyMemberAdded(tx: Tx, e: EventEnvelope): Promise<void> {
  const { relationship, linkedChildId } = e.payload as { relationship?: string; linkedChildId?: string | null };
  if (!relationship || !SIBLINGS.includes(relationship) || !linkedChildId || linkedChildId === e.childId) return;
  for (const [childId, siblingChildId] of [
    [e.childId, linkedChildId],
    [linkedChildId, e.childId],
  ] as const) {
    await tx.siblingLink.upsert({
      where: { childId_siblingChildId: { childId, siblingChildId } },
      create: { tenant: e.tenant, childId, siblingChildId, relationship },
      update: {},
    });
  }
}

/** What the placements domain reacts to (with the known-child copy's handlers). Each runs once per event. */
export function handlers(recorder: Recorder) {
  return mergeHandlers<Tx>(directory.handlers, {
    ChildCeasedLookedAfter: async (tx, e) => {
      await recorder.consequence(tx, e, await onCeasedLookedAfter(tx, e));
    },
    FamilyMemberAdded: onFamilyMemberAdded,
    // Retention erases the child's own rows (child_id); the links their siblings hold to them go too.
    ChildRecordErased: async (tx, e) => {
      await tx.siblingLink.deleteMany({ where: { tenant: e.tenant, siblingChildId: e.childId } });
    },
  });
}
