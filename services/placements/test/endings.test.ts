import { setClock } from "@caregraph/platform/clock";
import { announceChild, chronologyEvents, outboxEvents, serviceUnderTest } from "@caregraph/platform/testing";
import { placements } from "../src/service";

/** Planned moves (transition plan, risk assessment), unplanned endings (disruption meetings) and the breakdown risk, through GraphQL. */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const knownChild = () => announceChild(env, { dateOfBirth: "2012-04-01", lookedAfterSince: "2025-01-01" });
const mutate = (op: string, type: string, input: Record<string, unknown>, fields = "id") =>
  env.svc.query<Record<string, Record<string, unknown>>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
async function run(op: string, type: string, input: Record<string, unknown>, fields = "id") {
  const r = await mutate(op, type, input, fields);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
  placements { id endingPlanned transitionPlanAgreedOn riskAssessmentCompletedOn disruptionMeetingHeldOn }
  placementBreakdownRisk { score label factors { factor value weight points reason } } } } }`;
type Entity = { placements: Record<string, unknown>[]; placementBreakdownRisk: { score: number; label: string; factors: { factor: string; points: number }[] } };
const child = async (id: string) => (await env.svc.query<{ _entities: Entity[] }>(env.token, CHILD, { reps: [{ __typename: "Child", id }] })).data?._entities[0];

it("a planned move carries its transition plan and risk assessment; an unplanned one is followed by a disruption meeting", async () => {
  const id = await knownChild();
  const first = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2025-01-06" });
  const second = await run("changePlacement", "ChangePlacementInput", {
    childId: id,
    type: "U4",
    date: "2026-03-02",
    reason: "CARPL",
    planned: true,
    transitionPlanAgreedOn: "2026-02-02",
    riskAssessmentCompletedOn: "2026-02-09",
  });
  await run("changePlacement", "ChangePlacementInput", { childId: id, type: "K2", date: "2026-09-01", reason: "CREQB", planned: false });
  const meeting = await run("recordDisruptionMeeting", "RecordDisruptionMeetingInput", { placementId: second.id, heldOn: "2026-09-15" }, "disruptionMeetingHeldOn");
  expect(meeting).toEqual({ disruptionMeetingHeldOn: "2026-09-15" });
  expect((await child(id))?.placements).toEqual([
    { id: first.id, endingPlanned: true, transitionPlanAgreedOn: null, riskAssessmentCompletedOn: null, disruptionMeetingHeldOn: null },
    { id: second.id, endingPlanned: false, transitionPlanAgreedOn: "2026-02-02", riskAssessmentCompletedOn: "2026-02-09", disruptionMeetingHeldOn: "2026-09-15" },
    expect.objectContaining({ endingPlanned: null }),
  ]);
  const chronology = await chronologyEvents(env.svc.service.deps.db, "placements", id);
  expect(chronology.filter((e) => ["TransitionPlan", "DisruptionMeeting"].includes(e.kind as string))).toEqual([
    expect.objectContaining({ kind: "TransitionPlan", on: "2026-02-02", summary: "Planned move to U4 (Foster placement with other foster carer, long-term fostering): transition plan agreed, risk assessment completed 9 Feb 2026" }),
    expect.objectContaining({ kind: "DisruptionMeeting", on: "2026-09-15", summary: "Disruption meeting held: U4 (Foster placement with other foster carer, long-term fostering)" }),
  ]);
  expect((await outboxEvents(env.svc.service.deps.db, "placements", id)).some((e) => e.type === "DisruptionMeetingHeld")).toBe(true);

  // Two moves in the year, one of them a disruption, placed at 14: every factor shown with its points.
  const risk = (await child(id))?.placementBreakdownRisk;
  expect(risk?.score).toBe(65);
  expect(risk?.label).toMatch(/^Decision support only/);
  expect(risk?.factors.map((f) => [f.factor, f.points])).toEqual([
    ["MOVES_IN_LAST_12_MONTHS", 30],
    ["MISSING_EPISODES_IN_LAST_12_MONTHS", 0],
    ["UNPLANNED_ENDINGS_IN_LAST_12_MONTHS", 15],
    ["AGED_11_OR_OVER_AT_PLACEMENT", 20],
  ]);
});

it.each([
  ["a planned move with no risk assessment", "changePlacement", { planned: true, transitionPlanAgreedOn: "2026-12-01" }, "input.riskAssessmentCompletedOn", "RISK_ASSESSMENT_REQUIRED"],
  ["a disruption meeting after a planned ending", "recordDisruptionMeeting", {}, "input.placementId", "UNPLANNED_ENDING"],
])("refuses %s, naming the field and rule, and writes nothing", async (_what, op, extra, field, rule) => {
  const id = await knownChild();
  const p = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2025-01-06" });
  const before = await outboxEvents(env.svc.service.deps.db, "placements", id);
  const r =
    op === "changePlacement"
      ? await mutate(op, "ChangePlacementInput", { childId: id, type: "U4", date: "2026-12-21", reason: "CARPL", ...extra })
      : await mutate(op, "RecordDisruptionMeetingInput", { placementId: p.id, heldOn: "2026-12-21" });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await outboxEvents(env.svc.service.deps.db, "placements", id)).toHaveLength(before.length);
  expect((await child(id))?.placements).toHaveLength(1);
});
