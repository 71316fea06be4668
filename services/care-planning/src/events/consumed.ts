import { EventEnvelope, mergeHandlers, NewEvent, Recorder } from "@caregraph/platform";
import { LocalDate } from "@caregraph/platform/calendar";
import { directory } from "../context";
import type { Prisma } from "../generated/prisma/client";
import { cancelOpenReviews, lockChild, onBecameLookedAfter } from "../reviews";
import { onPlacementAmended, onPlacementEnded, onPlacementStarted, onPlacementVoided, onTemporaryApprovalExtended, stopVisits } from "../visits";
import { applyTaskEvent, onWorkerAllocated } from "../work-tray";

type Tx = Prisma.TransactionClient;

const CEASED = "ceased to be looked after";

/** Leaving care stops every clock this domain runs (open reviews and visits cancelled). */
async function onCeasedLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const on = (e.payload as { endDate: LocalDate }).endDate;
  await lockChild(tx, e.childId);
  return [...(await cancelOpenReviews(tx, e, on, CEASED)), ...(await stopVisits(tx, e, on, CEASED))];
}

/**
 * What the care-planning domain reacts to. Each runs once per event (idempotent consumer).
 * - children: becoming looked after / leaving care (review and visit clocks), allocations (tray filter);
 * - placements: starts, corrections, ends, voids, temporary approvals extended (visit clock; a
 *   short break, ShortBreakRecorded, starts none: reg 48(3) disapplies reg 28(2));
 * - every domain, its own included: StatutoryTaskScheduled / Completed / Cancelled (the work tray).
 */
export function handlers(recorder: Recorder) {
  const publishing = (rule: (tx: Tx, e: EventEnvelope) => Promise<NewEvent[]>) => async (tx: Tx, e: EventEnvelope) => {
    await recorder.consequence(tx, e, await rule(tx, e));
  };
  return mergeHandlers<Tx>(directory.handlers, {
    ChildBecameLookedAfter: publishing(onBecameLookedAfter),
    ChildCeasedLookedAfter: publishing(onCeasedLookedAfter),
    WorkerAllocated: onWorkerAllocated,
    PlacementStarted: publishing(onPlacementStarted),
    PlacementAmended: publishing(onPlacementAmended),
    PlacementEnded: publishing(onPlacementEnded),
    PlacementVoided: publishing(onPlacementVoided),
    TemporaryApprovalExtended: publishing(onTemporaryApprovalExtended),
    // A correction (endsOn null: never had one) moves the reg 28(4) regime the same way.
    TemporaryApprovalAmended: publishing(onTemporaryApprovalExtended),
    StatutoryTaskScheduled: applyTaskEvent("OPEN"),
    StatutoryTaskCompleted: applyTaskEvent("DONE"),
    StatutoryTaskCancelled: applyTaskEvent("CANCELLED"),
  });
}
