import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { runDailyCheck } from "../src/daily-check";
import { leavingCare } from "../src/service";

/** What the leaving-care domain tells the child's chronology (read from the outbox): from mutations, and from the daily check. */
const env = serviceUnderTest(leavingCare);
afterEach(() => setClock(null));

const at = { tenant: "E09000027", source: "children", actor: "test" };
async function child(dateOfBirth: string, lookedAfterSince: string) {
  const id = randomUUID();
  const events: EventEnvelope[] = [
    envelope({ type: "ChildRegistered", childId: id, payload: { dateOfBirth, lookedAfterSince, sex: "F", legalStatus: "C2" } }, at),
    envelope({ type: "ChildBecameLookedAfter", childId: id, payload: { date: lookedAfterSince, legalStatus: "C2" } }, at),
  ];
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
  await eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM leaving_care.processed_event WHERE event_id = $1::uuid", events[1]!.id)).length === 1);
  return id;
}
async function run(op: string, type: string, input: Record<string, unknown>) {
  const r = await env.svc.query(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { status } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
}
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "leaving_care", childId);

it("the 16th birthday passing: the daily check records the status change once, as a consequence (no one acted), with the rule's reason", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2010-12-02", "2025-01-10");
  expect(await told(id)).toEqual([]);
  setClock("2026-12-02T06:00:00Z");
  await Promise.all([runDailyCheck(env.svc.service.deps), runDailyCheck(env.svc.service.deps)]);
  await runDailyCheck(env.svc.service.deps);
  const entries = await told(id);
  expect(entries).toEqual([
    {
      type: "ChronologyEntryRecorded",
      entryId: `leaving-care-status:${id}:2026-12-02:ELIGIBLE`,
      kind: "LeavingCareStatusChanged",
      on: "2026-12-02",
      summary: expect.stringMatching(/^Leaving-care status ELIGIBLE \(eligible child\), was NOT_ELIGIBLE: aged 16 or 17, still looked after/),
    },
  ]);
  const [envelopeOf] = await env.svc.service.deps.db.$queryRawUnsafe<{ actor: string }[]>(
    `SELECT envelope->>'actor' AS actor FROM leaving_care.outbox_event WHERE key = $1 AND type = 'ChronologyEntryRecorded'`,
    id,
  );
  expect(envelopeOf?.actor).toBe("system:leaving-care");
});

it("a needs assessment, a pathway plan review and Staying Put each make an entry", async () => {
  setClock("2027-06-01T10:00:00Z");
  const id = await child("2009-01-15", "2024-03-01");
  await run("recordNeedsAssessment", "RecordNeedsAssessmentInput", { childId: id, completedOn: "2025-02-10" });
  await run("recordPathwayPlanReview", "RecordPathwayPlanReviewInput", { childId: id, reviewedOn: "2025-08-01" });
  const r = await env.svc.query(env.token, `mutation($input: RecordStayingArrangementInput!) { recordStayingArrangement(input: $input) { status } }`, {
    input: { childId: id, kind: "STAYING_PUT", startDate: "2027-01-15", endDate: "2027-07-31" },
  });
  expect(r.errors).toBeUndefined();
  const brief = (await told(id)).filter((e) => e.kind !== "LeavingCareStatusChanged").map((e) => [e.kind, e.on, e.summary]);
  expect(brief).toEqual([
    ["LeavingCareNeedsAssessment", "2025-02-10", "Leaving-care needs assessment completed"],
    ["PathwayPlanReview", "2025-08-01", "Pathway plan reviewed"],
    ["StayingPut", "2027-01-15", "Staying Put arrangement began (until 31 Jul 2027)"],
  ]);
});
