import { setClock } from "@caregraph/platform/clock";
import { announceChild, chronologyEvents, outboxEvents, serviceUnderTest } from "@caregraph/platform/testing";
import { placements } from "../src/service";

/** The placement plan (CPPCR 2010 reg 9) as a work-tray task, and the DfE stability measures, through GraphQL. */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const knownChild = (dateOfBirth = "2012-04-01", lookedAfterSince = "2022-01-05") => announceChild(env, { dateOfBirth, lookedAfterSince });
async function run<T = { id: string }>(op: string, type: string, input: Record<string, unknown>, fields = "id"): Promise<T> {
  const r = await env.svc.query<Record<string, T>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const tasks = async (childId: string) =>
  (await outboxEvents(env.svc.service.deps.db, "placements", childId))
    .filter((e) => e.type.startsWith("StatutoryTask"))
    .map((e) => ({ ...(e.payload as Record<string, unknown>), type: e.type }) as Record<string, unknown>);

const STABILITY = `query($reps: [_Any!]!, $on: Date) { _entities(representations: $reps) { ... on Child { placementStability(on: $on) { asOf placementsInLast12Months threeOrMorePlacements longTermStable workings } } } }`;
type Stability = { asOf: string; placementsInLast12Months: number; threeOrMorePlacements: boolean; longTermStable: boolean; workings: string[] };
const stability = async (id: string, on?: string) =>
  (await env.svc.query<{ _entities: { placementStability: Stability }[] }>(env.token, STABILITY, { reps: [{ __typename: "Child", id }], on })).data?._entities[0]
    ?.placementStability;

it("a placement starting on Christmas Eve schedules its plan 5 working days on, and recording the plan completes it", async () => {
  const id = await knownChild();
  const p = await run<Record<string, string>>("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2026-12-24", postcode: "TW9 1AA" }, "id placementPlanDueDate placementPlanDueExplanation placementPlanPreparedOn");
  expect(p).toMatchObject({
    placementPlanDueDate: "2027-01-05",
    placementPlanDueExplanation: "Placement plan due 5 Jan 2027: 5 working days after the placement started on 24 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    placementPlanPreparedOn: null,
  });
  expect(await tasks(id)).toEqual([
    {
      type: "StatutoryTaskScheduled",
      taskId: p.id,
      task: "PlacementPlan",
      dueDate: "2027-01-05",
      authority: "Care Planning, Placement and Case Review (England) Regulations 2010 reg 9",
      explanation: p.placementPlanDueExplanation,
    },
  ]);
  const done = await run<Record<string, string>>("recordPlacementPlan", "RecordPlacementPlanInput", { placementId: p.id, preparedOn: "2026-12-22" }, "id placementPlanPreparedOn");
  expect(done.placementPlanPreparedOn).toBe("2026-12-22");
  expect((await tasks(id)).at(-1)).toMatchObject({ type: "StatutoryTaskCompleted", taskId: p.id, completedOn: "2026-12-22" });
  const chronology = await chronologyEvents(env.svc.service.deps.db, "placements", id);
  expect(chronology.at(-1)).toEqual({
    type: "ChronologyEntryRecorded",
    entryId: `placement:${p.id}:plan`,
    kind: "PlacementPlanPrepared",
    on: "2026-12-22",
    summary: "Placement plan prepared: U6 (Foster placement with other foster carer, not long-term or FfA/concurrent)",
  });
  expect(JSON.stringify(chronology)).not.toContain("TW9");
});

it("a move cancels the old placement's open plan task and schedules the new one's; a past placement gets none", async () => {
  const id = await knownChild();
  await run("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2025-01-06", endDate: "2025-03-03" });
  expect(await tasks(id)).toEqual([]);
  const first = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2026-12-01" });
  const second = await run("changePlacement", "ChangePlacementInput", { childId: id, type: "K2", date: "2026-12-21", reason: "CARPL" });
  expect((await tasks(id)).map((t) => [t.type, t.taskId, t.dueDate])).toEqual([
    ["StatutoryTaskScheduled", first.id, "2026-12-08"],
    ["StatutoryTaskCancelled", first.id, "2026-12-08"],
    ["StatutoryTaskScheduled", second.id, "2026-12-30"],
  ]);
  await run("voidPlacement", "VoidPlacementInput", { id: second.id, reason: "wrong child" });
  expect((await tasks(id)).at(-1)).toMatchObject({ type: "StatutoryTaskCancelled", taskId: second.id, reason: "placement voided as entered in error" });
});

it.each([
  ["a plan prepared in the future", { preparedOn: "2026-12-23" }, "input.preparedOn", "NOT_IN_FUTURE"],
])("refuses %s, naming the field and rule, and writes nothing", async (_what, input, field, rule) => {
  const id = await knownChild();
  const p = await run<Record<string, string>>("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2026-12-21" });
  const r = await env.svc.query(env.token, `mutation($input: RecordPlacementPlanInput!) { recordPlacementPlan(input: $input) { id } }`, { input: { placementId: p.id, ...input } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await tasks(id)).toHaveLength(1);
});

it("a third placement in the 12 months flips the stability flag; long-term stability on today's clock", async () => {
  const id = await knownChild("2012-04-01", "2022-01-05");
  await run("startPlacement", "StartPlacementInput", { childId: id, type: "U4", startDate: "2022-01-05" });
  expect(await stability(id)).toMatchObject({ asOf: "2026-12-22", placementsInLast12Months: 1, threeOrMorePlacements: false, longTermStable: true });
  await run("changePlacement", "ChangePlacementInput", { childId: id, type: "U6", date: "2026-03-02", reason: "CREQO" });
  expect(await stability(id)).toMatchObject({ placementsInLast12Months: 2, threeOrMorePlacements: false, longTermStable: false });
  await run("changePlacement", "ChangePlacementInput", { childId: id, type: "K2", date: "2026-09-01", reason: "CARPL" });
  expect(await stability(id)).toMatchObject({ placementsInLast12Months: 3, threeOrMorePlacements: true, longTermStable: false });
  // Measured on another day: a year before, only the first placement.
  expect(await stability(id, "2025-12-22")).toMatchObject({ asOf: "2025-12-22", placementsInLast12Months: 1, longTermStable: true });
});
