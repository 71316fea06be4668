import type { EventEnvelope } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { family } from "../src/service";
import { ADD, ARRANGE, END, Member, support } from "./support";

/**
 * "A contact arrangement is reviewed at every looked-after review": care-planning's LookedAfterReview
 * tasks drive one ContactArrangementReview task per running arrangement (CPPCR 2010 Sch 7 para 4).
 * Tasks are read from this service's outbox, written in the same transaction as the handler's effect.
 */
const env = serviceUnderTest(family);
const t = support(env);

type Task = { type: string; taskId: string; task: string; dueDate: string; explanation: string; authority: string; completedOn?: string; reason?: string };
async function tasksOf(childId: string): Promise<Task[]> {
  const rows = await env.svc.service.deps.db.$queryRawUnsafe<{ envelope: EventEnvelope }[]>(
    `SELECT envelope FROM family.outbox_event WHERE key = $1 AND type LIKE 'StatutoryTask%' ORDER BY seq`,
    childId,
  );
  return rows.map(({ envelope: e }) => ({ type: e.type, ...(e.payload as Omit<Task, "type">) }));
}

async function member(childId: string, relationship: string, name: string): Promise<Member> {
  const r = await t.gql<{ addFamilyMember: Member }>(ADD, { input: { childId, name, relationship, hasParentalResponsibility: false } });
  expect(r.errors).toBeUndefined();
  return r.data?.addFamilyMember as Member;
}
type Arranged = { id: string; nextReviewDueDate: string | null; nextReviewExplanation: string | null };
async function arrange(childId: string, familyMemberId: string): Promise<Arranged> {
  const input = { childId, familyMemberId, kind: "FACE_TO_FACE", frequency: { times: 1, period: "FORTNIGHT" }, supervision: "SUPERVISED", basis: "AGREED", startDate: "2026-10-05" };
  const r = await t.gql<{ recordContactArrangement: Arranged }>(ARRANGE, { input });
  expect(r.errors).toBeUndefined();
  return r.data?.recordContactArrangement as Arranged;
}
const end = async (arrangementId: string, endedOn: string) => expect((await t.gql(END, { input: { arrangementId, endedOn } })).errors).toBeUndefined();

/** Sends care-planning events one after another, each handled before the next is sent. */
async function fromCarePlanning(...events: EventEnvelope[]) {
  for (const e of events) {
    await t.send("care-planning", e);
    await t.processed(e.id);
  }
}

beforeEach(() => setClock("2026-12-01T10:00:00Z"));
afterEach(() => setClock(null));

/** A looked-after child with contact with the mother and a grandparent, and an ended arrangement with the father. */
async function childWithContact() {
  const id = await t.child();
  const mum = await arrange(id, (await member(id, "MOTHER", "Jo Example")).id);
  const gran = await arrange(id, (await member(id, "GRANDPARENT", "Pat Example")).id);
  const dad = await arrange(id, (await member(id, "FATHER", "Sam Example")).id);
  await end(dad.id, "2026-11-30");
  return { id, mum, gran, dad };
}

it("a looked-after review scheduled puts each running arrangement on its agenda, due the review's due date", async () => {
  const { id, mum } = await childWithContact();
  const reviewId = randomUUID();
  // Due Tuesday 29 Dec 2026, the first working day after the Christmas bank holidays (25 and 28 Dec).
  await fromCarePlanning(t.reviewTask("StatutoryTaskScheduled", id, reviewId, "2026-12-29"));
  const tasks = await tasksOf(id);
  expect(tasks.map((x) => [x.type, x.task, x.dueDate])).toEqual([
    ["StatutoryTaskScheduled", "ContactArrangementReview", "2026-12-29"],
    ["StatutoryTaskScheduled", "ContactArrangementReview", "2026-12-29"],
  ]);
  expect(tasks.map((x) => x.explanation).sort()).toEqual([
    "Review of contact with the grandparent due 29 Dec 2026: at the looked-after review due that day (Looked-after review 2 due 2026-12-29: worked out by care-planning)",
    "Review of contact with the mother due 29 Dec 2026: at the looked-after review due that day (Looked-after review 2 due 2026-12-29: worked out by care-planning)",
  ]);
  expect(tasks[0]?.authority).toMatch(/^CPPCR 2010 Sch 7 para 4/);
  const FAMILY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { family { contactArrangements { id nextReviewDueDate } } } } }`;
  const r = await t.gql<{ _entities: { family: { contactArrangements: { id: string; nextReviewDueDate: string | null }[] } }[] }>(FAMILY, { reps: [{ __typename: "Child", id }] });
  expect(r.data?._entities[0]?.family.contactArrangements.find((a) => a.id === mum.id)?.nextReviewDueDate).toBe("2026-12-29");
});

it("is idempotent: the same event delivered twice, and the same review published again, make one task each", async () => {
  const { id } = await childWithContact();
  const reviewId = randomUUID();
  const scheduled = t.reviewTask("StatutoryTaskScheduled", id, reviewId, "2026-12-29");
  await t.send("care-planning", scheduled, scheduled);
  await t.processed(scheduled.id);
  await fromCarePlanning(t.reviewTask("StatutoryTaskScheduled", id, reviewId, "2026-12-29"));
  expect(await tasksOf(id)).toHaveLength(2);
  const rows = await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM family.contact_arrangement_review WHERE child_id = $1::uuid`, id);
  expect(rows).toHaveLength(2);
});

it("a review moved moves its contact tasks (same task ids); one held completes them, and the next review schedules new ones", async () => {
  const { id } = await childWithContact();
  const review2 = randomUUID();
  await fromCarePlanning(t.reviewTask("StatutoryTaskScheduled", id, review2, "2026-12-29"), t.reviewTask("StatutoryTaskScheduled", id, review2, "2027-01-05"));
  const [first, second, ...moved] = await tasksOf(id);
  expect(moved.map((x) => [x.taskId, x.dueDate]).sort()).toEqual([[first?.taskId, "2027-01-05"], [second?.taskId, "2027-01-05"]].sort());

  const review3 = randomUUID();
  await fromCarePlanning(t.reviewHeld(id, review2, "2027-01-05", "2026-12-30"), t.reviewTask("StatutoryTaskScheduled", id, review3, "2027-06-30"));
  const after = (await tasksOf(id)).slice(4);
  expect(after.map((x) => [x.type, x.dueDate, x.completedOn ?? null])).toEqual([
    ["StatutoryTaskCompleted", "2027-01-05", "2026-12-30"],
    ["StatutoryTaskCompleted", "2027-01-05", "2026-12-30"],
    ["StatutoryTaskScheduled", "2027-06-30", null],
    ["StatutoryTaskScheduled", "2027-06-30", null],
  ]);
  expect(new Set(after.slice(2).map((x) => x.taskId)).size).toBe(2);
  expect(after.slice(2).some((x) => [first?.taskId, second?.taskId].includes(x.taskId))).toBe(false);
});

it("an arrangement made while a review is coming up goes on its agenda at once; ending it cancels its task", async () => {
  const id = await t.child();
  const reviewId = randomUUID();
  await fromCarePlanning(t.reviewTask("StatutoryTaskScheduled", id, reviewId, "2027-01-29"));
  expect(await tasksOf(id)).toEqual([]);
  const aunt = await arrange(id, (await member(id, "AUNT_UNCLE", "Lee Example")).id);
  expect(aunt).toMatchObject({ nextReviewDueDate: "2027-01-29" });
  expect(aunt.nextReviewExplanation).toMatch(/^Review of contact with the aunt or uncle due 29 Jan 2027: at the looked-after review due that day/);
  await end(aunt.id, "2026-12-01");
  expect((await tasksOf(id)).map((x) => [x.type, x.reason ?? null])).toEqual([
    ["StatutoryTaskScheduled", null],
    ["StatutoryTaskCancelled", "the contact arrangement ended"],
  ]);
});

it("a review cancelled cancels its contact tasks; other care-planning tasks are not reviews", async () => {
  const { id } = await childWithContact();
  const reviewId = randomUUID();
  const visit = t.event("care-planning", "StatutoryTaskScheduled", id, { taskId: randomUUID(), task: "StatutoryVisit", dueDate: "2026-12-08", authority: "CPPCR 2010 reg 28(2)", explanation: "Visit due" });
  await fromCarePlanning(visit, t.reviewTask("StatutoryTaskScheduled", id, reviewId, "2026-12-29"));
  await fromCarePlanning(t.reviewTask("StatutoryTaskCancelled", id, reviewId, "2026-12-29", { reason: "a new period of care began" }));
  expect((await tasksOf(id)).map((x) => [x.type, x.reason ?? null])).toEqual([
    ["StatutoryTaskScheduled", null],
    ["StatutoryTaskScheduled", null],
    ["StatutoryTaskCancelled", "the looked-after review was cancelled (a new period of care began)"],
    ["StatutoryTaskCancelled", "the looked-after review was cancelled (a new period of care began)"],
  ]);
});

it("the child ceasing to be looked after cancels the open contact tasks", async () => {
  const { id } = await childWithContact();
  const reviewId = randomUUID();
  await fromCarePlanning(t.reviewTask("StatutoryTaskScheduled", id, reviewId, "2026-12-29"));
  const ceased = t.event("children", "ChildCeasedLookedAfter", id, { endDate: "2026-12-01", reason: "E4A" });
  await t.send("children", ceased);
  await t.processed(ceased.id);
  expect((await tasksOf(id)).map((x) => [x.type, x.reason ?? null]).slice(2)).toEqual([
    ["StatutoryTaskCancelled", "the child ceased to be looked after"],
    ["StatutoryTaskCancelled", "the child ceased to be looked after"],
  ]);
  // care-planning then cancels the review itself: nothing more to cancel.
  await fromCarePlanning(t.reviewTask("StatutoryTaskCancelled", id, reviewId, "2026-12-29", { reason: "ceased to be looked after" }));
  expect(await tasksOf(id)).toHaveLength(4);
});
