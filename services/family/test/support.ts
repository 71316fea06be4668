import { Domain, envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { collect, eventually, publish, ServiceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";

export const TENANT = "E09000027";

/** Small factories for the events other domains publish, the operations the tests send, and a listener. */
export function support(env: ServiceUnderTest<PrismaClient>) {
  const event = (source: Domain, type: string, childId: string, payload: Record<string, unknown>, tenant = TENANT) =>
    envelope({ type, childId, payload }, { tenant, source, actor: "test" });
  const send = (source: Domain, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic(source), events);

  const timesProcessed = async (eventId: string) =>
    (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM family.processed_event WHERE event_id = $1::uuid", eventId)).length;
  /** Waits until this service has handled the event (so a test can then say nothing else happened). */
  const processed = (eventId: string) => eventually(async () => (await timesProcessed(eventId)) === 1);

  /** A child registered (and looked after from `since`, under `legalStatus`), known here once this returns. */
  async function child(o: { since?: string | null; dateOfBirth?: string; legalStatus?: string; tenant?: string } = {}) {
    const id = randomUUID();
    const since = o.since === undefined ? "2026-01-05" : o.since;
    const legalStatus = o.legalStatus ?? "C2";
    const events = [event("children", "ChildRegistered", id, { dateOfBirth: o.dateOfBirth ?? "2016-03-03", lookedAfterSince: since, sex: "F", legalStatus }, o.tenant)];
    if (since) events.push(event("children", "ChildBecameLookedAfter", id, { date: since, legalStatus }, o.tenant));
    await send("children", ...events);
    await processed(events.at(-1)?.id as string);
    return id;
  }

  const reviewTask = (type: "StatutoryTaskScheduled" | "StatutoryTaskCancelled", childId: string, reviewId: string, dueDate: string, extra: Record<string, unknown> = {}) =>
    event("care-planning", type, childId, {
      taskId: reviewId,
      task: "LookedAfterReview",
      dueDate,
      authority: "CPPCR 2010 reg 33(2): second review within 3 months of the first",
      explanation: `Looked-after review 2 due ${dueDate}: worked out by care-planning`,
      ...extra,
    });
  const reviewHeld = (childId: string, reviewId: string, dueDate: string, heldOn: string) =>
    event("care-planning", "LookedAfterReviewHeld", childId, { reviewId, sequence: 2, dueDate, heldOn, participation: "PN1", iroId: null });

  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token = env.token) {
    return env.svc.query<T>(token, query, variables);
  }

  /** Listens to this domain's topic; `of(childId)` is what it published about one child so far. */
  async function listen() {
    const l = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("family")]);
    return { of: (childId: string) => l.events().filter((e) => e.childId === childId), stop: () => l.stop() };
  }

  return { event, send, processed, child, reviewTask, reviewHeld, gql, listen };
}

export const ADD = `mutation($input: AddFamilyMemberInput!) { addFamilyMember(input: $input) { id name relationship hasParentalResponsibility parentalResponsibilityBasis } }`;
export const ARRANGE = `mutation($input: RecordContactArrangementInput!) { recordContactArrangement(input: $input) { id startDate endDate nextReviewDueDate nextReviewExplanation frequency { times period description } } }`;
export const END = `mutation($input: EndContactArrangementInput!) { endContactArrangement(input: $input) { id endDate nextReviewDueDate } }`;
export const SESSION = `mutation($input: RecordContactSessionInput!) { recordContactSession(input: $input) { id sessionOn outcome cancelledBy notAttendedBy supervisorNote } }`;
export const FAMILY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id family {
  members { id name relationship hasParentalResponsibility parentalResponsibilityBasis parentalResponsibilityHistory { hasParentalResponsibility parentalResponsibilityBasis effectiveOn } linkedChild { id } }
  localAuthority { basis legalStatus since }
  contactArrangements { id kind supervision venue basis startDate endDate endReason familyMember { id } frequency { description } nextReviewDueDate nextReviewExplanation sessions { id sessionOn outcome supervisorNote } }
  lifeStoryWork { id kind title completedOn note }
} } } }`;
export const TREE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { familyTree { nodes { id label kind relationship hasParentalResponsibility parentalResponsibilityBasis child { id } } edges { from to relationship parentalResponsibility } } } } }`;

export type Member = { id: string; name: string; relationship: string; hasParentalResponsibility: boolean; parentalResponsibilityBasis: string | null };
