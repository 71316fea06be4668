import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, serviceUnderTest } from "@caregraph/platform/testing";
import { carePlanning } from "../src/service";
import { support } from "./support";

/** What the care-planning domain tells the child's chronology, in the transaction of each change (read from the outbox). */
const env = serviceUnderTest(carePlanning);
const t = support(env);
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

async function run(op: string, type: string, input: Record<string, unknown>): Promise<{ id: string }> {
  const r = await env.svc.query<Record<string, { id: string }>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { id } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "care_planning", childId);

it("a looked-after review held (with the child's participation), a statutory visit made and a care plan version: one entry each, no plan text", async () => {
  const childId = await t.lookedAfterChild("2026-10-01");
  const placed = t.placementStarted(childId, "2026-10-01");
  await t.send("placements", placed.event);
  await t.processed(placed.event.id);
  const review = await run("recordLookedAfterReview", "RecordLookedAfterReviewInput", { childId, heldOn: "2026-10-27", participation: "PN1" });
  const visit = await run("recordStatutoryVisit", "RecordStatutoryVisitInput", { childId, visitedOn: "2026-10-06" });
  const plan = await run("recordCarePlan", "RecordCarePlanInput", {
    childId,
    wishesAndFeelings: "Wants to stay at her school and see her brother weekly",
    contributions: [{ agency: "School", summary: "Attendance 92%" }],
  });
  const entries = await eventually(async () => {
    const got = await told(childId);
    return got.length >= 3 ? got : undefined;
  });
  expect(entries).toEqual([
    {
      type: "ChronologyEntryRecorded",
      entryId: `looked-after-review:${review.id}`,
      kind: "LookedAfterReviewHeld",
      on: "2026-10-27",
      summary: "Looked-after review 1 held; participation PN1 (Child physically attends and speaks for him or herself)",
    },
    { type: "ChronologyEntryRecorded", entryId: `statutory-visit:${visit.id}`, kind: "StatutoryVisitMade", on: "2026-10-06", summary: "Statutory visit made" },
    { type: "ChronologyEntryRecorded", entryId: `care-plan:${plan.id}`, kind: "CarePlanRecorded", on: "2026-12-01", summary: "Care plan recorded (version 1)" },
  ]);
  expect(JSON.stringify(entries)).not.toMatch(/brother|Attendance|School/);
});
