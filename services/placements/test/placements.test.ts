import { envelope, eventsTopic } from "@caregraph/platform";
import { collect, eventually, publish, testKafka, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

const env = serviceUnderTest(placements);

/** A child as the children domain announces it. */
async function knownChild(dateOfBirth = "2014-05-01", tenant = "E09000027") {
  const id = randomUUID();
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    envelope(
      { type: "ChildRegistered", childId: id, payload: { dateOfBirth, lookedAfterSince: "2026-01-05", legalStatus: "C2" } },
      { tenant, source: "children", actor: "test" },
    ),
  ]);
  return id;
}

const START = `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id type startDate endDate provider postcode typeDescription } }`;
const CHANGE = `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id type startDate } }`;
const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id placements { type startDate endDate reasonForChange } currentPlacement { type } } } }`;

type Entity = { id: string; placements: { type: string; startDate: string; endDate: string | null; reasonForChange: string | null }[]; currentPlacement: { type: string } | null };
const entity = async (id: string, t = env.token) =>
  (await env.svc.query<{ _entities: (Entity | null)[] }>(t, CHILD, { reps: [{ __typename: "Child", id }] })).data?._entities[0];

it("places a child the children domain told us about", async () => {
  const id = await knownChild();
  const r = await env.svc.query<{ startPlacement: Record<string, unknown> }>(env.token, START, {
    input: { childId: id, type: "U4", startDate: "2026-01-05", provider: "PR1", postcode: "tw9 1aa" },
  });
  expect(r.data?.startPlacement).toMatchObject({ type: "U4", startDate: "2026-01-05", endDate: null, provider: "PR1", postcode: "TW9 1AA" });
  expect((await entity(id))?.currentPlacement).toEqual({ type: "U4" });
});

it("a move ends the current placement and starts the next in one transaction, and says so on Kafka", async () => {
  const id = await knownChild();
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
  try {
    await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } });
    const moved = await env.svc.query<{ changePlacement: { type: string; startDate: string } }>(env.token, CHANGE, {
      input: { childId: id, type: "K2", date: "2026-03-02", reason: "CARPL", provider: "PR4" },
    });
    expect(moved.data?.changePlacement).toMatchObject({ type: "K2", startDate: "2026-03-02" });
    expect((await entity(id))?.placements).toEqual([
      { type: "U4", startDate: "2026-01-05", endDate: "2026-03-02", reasonForChange: "CARPL" },
      { type: "K2", startDate: "2026-03-02", endDate: null, reasonForChange: null },
    ]);
    const events = await eventually(async () => {
      const mine = listener.events().filter((e) => e.childId === id);
      return mine.length >= 3 ? mine : undefined;
    });
    expect(events.map((e) => e.type)).toEqual(["PlacementStarted", "PlacementEnded", "PlacementStarted"]);
    expect(events[2]?.payload).toMatchObject({ isMove: true, startDate: "2026-03-02", type: "K2" });
  } finally {
    await listener.stop();
  }
});

it.each([
  ["an overlapping placement", { type: "U4", startDate: "2026-02-01" }, "input.startDate", "PLACEMENT_OVERLAP"],
  ["a start before birth", { type: "U4", startDate: "2010-01-01", endDate: "2010-02-01" }, "input.startDate", "START_NOT_BEFORE_BIRTH"],
  ["an end before the start", { type: "U4", startDate: "2025-02-01", endDate: "2025-01-01" }, "input.endDate", "END_NOT_BEFORE_START"],
])("refuses %s, naming the field and rule, and writes nothing", async (_what, input, field, rule) => {
  const id = await knownChild();
  await env.svc.query(env.token, START, { input: { childId: id, type: "U6", startDate: "2026-01-05" } });
  const r = await env.svc.query(env.token, START, { input: { childId: id, ...input } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect((await entity(id))?.placements).toHaveLength(1);
});

it("refuses a move dated before the current placement began, leaving it open", async () => {
  const id = await knownChild();
  await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } });
  const r = await env.svc.query(env.token, CHANGE, { input: { childId: id, type: "K2", date: "2026-01-04", reason: "CARPL" } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ field: "input.date", rule: "END_NOT_BEFORE_START" });
  expect((await entity(id))?.placements).toEqual([{ type: "U4", startDate: "2026-01-05", endDate: null, reasonForChange: null }]);
});

it("two concurrent placements for one child: exactly one wins", async () => {
  const id = await knownChild();
  const results = await Promise.all(
    ["2026-02-01", "2026-02-02", "2026-02-03"].map((startDate) => env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate } })),
  );
  expect(results.filter((r) => !r.errors)).toHaveLength(1);
  expect((await entity(id))?.placements).toHaveLength(1);
});

it("a child of another local authority is absent", async () => {
  const id = await knownChild("2014-05-01", "E08000025");
  await eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM placements.known_child WHERE id = $1::uuid", id)).length === 1);
  expect(await entity(id)).toBeNull();
});

it("a caseload of children costs the same two statements as one child (DataLoader batching, no N+1)", async () => {
  const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => knownChild()));
  for (const id of ids) {
    await eventually(async () => !(await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } })).errors);
  }
  await env.svc.service.relay.stop(); // its polling would add statements of its own
  const statements = async (reps: string[]) => {
    const before = await counter();
    const r = await env.svc.query<{ _entities: Entity[] }>(env.token, CHILD, { reps: reps.map((id) => ({ __typename: "Child", id })) });
    expect(r.data?._entities.every((e) => e.placements.length === 1)).toBe(true);
    return (await counter()) - before;
  };
  const one = await statements(ids.slice(0, 1));
  const six = await statements(ids);
  expect(one).toBe(2); // the child references, then the placements
  expect(six).toBe(one);
});

async function counter(): Promise<number> {
  const metric = await env.svc.service.deps.metrics.dbStatements.get();
  return metric.values[0]?.value ?? 0;
}
