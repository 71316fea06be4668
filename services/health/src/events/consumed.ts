import { EventEnvelope, mergeHandlers, Recorder } from "@caregraph/platform";
import { directory } from "../context";
import { onFamilyMemberAdded, onParentalResponsibilityChanged } from "./family";
import type { Prisma } from "../generated/prisma/client";
import { cancelOpenTasks, firstSdqTask, registrationTasks } from "../health-tasks";
import { onBecameLookedAfter, onCeasedLookedAfter, onPlacementMove } from "../schedule";

type Tx = Prisma.TransactionClient;

/** What the health domain reacts to. Each runs once per event (idempotent consumer). */
export function handlers(recorder: Recorder) {
  const publishing = (rule: (tx: Tx, e: EventEnvelope) => Promise<Parameters<Recorder["consequence"]>[2]>) =>
    async (tx: Tx, e: EventEnvelope) => {
      await recorder.consequence(tx, e, await rule(tx, e));
    };
  return mergeHandlers<Tx>(directory.handlers, {
    ChildBecameLookedAfter: publishing(async (tx, e) => [
      ...(await onBecameLookedAfter(tx, e)),
      ...(await registrationTasks(tx, e)),
      ...(await firstSdqTask(tx, e, await directory.loader(tx, e.tenant).load(e.childId))),
    ]),
    ChildCeasedLookedAfter: publishing(async (tx, e) => [...(await onCeasedLookedAfter(tx, e)), ...(await cancelOpenTasks(tx, e))]),
    PlacementStarted: publishing(onPlacementMove),
    FamilyMemberAdded: onFamilyMemberAdded,
    ParentalResponsibilityChanged: onParentalResponsibilityChanged,
  });
}
