import { envelope, EventEnvelope, eventsTopic, Domain } from "@caregraph/platform";
import { eventually, publish, ServiceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";

/** Small factories for the events other domains publish, and the queries the tests ask. */
export function support(env: ServiceUnderTest<PrismaClient>) {
  const event = (source: Domain, type: string, childId: string, payload: Record<string, unknown>, tenant = "E09000027") =>
    envelope({ type, childId, payload }, { tenant, source, actor: "test" });
  const send = (source: Domain, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic(source), events);

  /** A child registered and looked after from `since`, as the children domain announces it. */
  async function lookedAfterChild(since: string, o: { dateOfBirth?: string; tenant?: string } = {}) {
    const id = randomUUID();
    await send(
      "children",
      event("children", "ChildRegistered", id, { dateOfBirth: o.dateOfBirth ?? "2016-03-03", lookedAfterSince: since, sex: "F", legalStatus: "C2" }, o.tenant),
      event("children", "ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" }, o.tenant),
    );
    return id;
  }

  const placementStarted = (childId: string, startDate: string, o: { intendedToLastUntil18?: boolean; previousPlacementId?: string; tenant?: string; temporaryApprovalEndsOn?: string } = {}) => {
    const placementId = randomUUID();
    const e = event(
      "placements",
      "PlacementStarted",
      childId,
      {
        placementId,
        type: "U1",
        provider: "PR1",
        startDate,
        isMove: Boolean(o.previousPlacementId),
        previousPlacementId: o.previousPlacementId ?? null,
        ...(o.intendedToLastUntil18 === undefined ? {} : { intendedToLastUntil18: o.intendedToLastUntil18 }),
        ...(o.temporaryApprovalEndsOn === undefined ? {} : { temporaryApprovalEndsOn: o.temporaryApprovalEndsOn }),
      },
      o.tenant,
    );
    return { placementId, event: e };
  };

  const task = (source: Domain, type: "StatutoryTaskScheduled" | "StatutoryTaskCompleted" | "StatutoryTaskCancelled", childId: string, t: Record<string, unknown>, tenant?: string) =>
    event(source, type, childId, { authority: `${source} rule`, explanation: `${String(t.task)} due: worked out by ${source}`, ...t }, tenant);

  const timesProcessed = async (eventId: string) =>
    (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM care_planning.processed_event WHERE event_id = $1::uuid", eventId)).length;
  const processed = (eventId: string) => eventually(async () => (await timesProcessed(eventId)) === 1);

  return { event, send, lookedAfterChild, placementStarted, task, timesProcessed, processed };
}

export type TrayNode = {
  id: string;
  kind: string;
  dueDate: string;
  dueAt: string | null;
  status: string;
  domain: string;
  authority: string;
  explanation: string;
  completedOn: string | null;
  completedOnTime: boolean | null;
  assignedRole: string | null;
  workerId: string | null;
  cancelReason: string | null;
  child: { id: string };
};
export type TrayPage = { edges: { cursor: string; node: TrayNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

export const TRAY = `query($filter: WorkTrayFilter, $first: Int, $after: String) {
  workTray(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id kind dueDate dueAt status domain authority explanation completedOn completedOnTime assignedRole workerId cancelReason child { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
  lookedAfterReviews { id sequence dueDate heldOn iroId participation status authority explanation cancelledOn }
  statutoryVisits { id placementId dueDate visitedOn status authority explanation cancelledOn cancelReason }
  carePlan { id version wishesAndFeelings placementSection healthSection educationSection contributions { agency summary } recordedBy recordedAt }
  carePlanVersions { version wishesAndFeelings }
} } }`;
