import { envelope, eventsTopic } from "@caregraph/platform";
import { announceChild, collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

const env = serviceUnderTest(placements);

/** A child as the children domain announces it. */
const knownChild = (dateOfBirth = "2014-05-01", tenant = "E09000027") => announceChild(env, { dateOfBirth, lookedAfterSince: "2026-01-05", tenant });

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
      // (The chronology: chronology.test.ts; the placement plan tasks: placement-plan.test.ts.)
      const mine = listener.events().filter((e) => e.childId === id && !e.type.startsWith("Chronology") && !e.type.startsWith("StatutoryTask"));
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
  // With row-level security a foreign child is exactly an unknown one: nothing of theirs shows
  // (whether the reference itself is null is the entity-reference rules' business).
  const e = await entity(id);
  expect(!e || (e.placements.length === 0 && e.currentPlacement === null)).toBe(true);
});

const childEvent = (type: string, childId: string, payload: Record<string, unknown>, tenant = "E09000027") =>
  envelope({ type, childId, payload }, { tenant, source: "children", actor: "test" });
const sendChildren = (...events: ReturnType<typeof childEvent>[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const lookedAfterSince = async (id: string) =>
  (await env.svc.service.deps.db.$queryRawUnsafe<{ since: string | null }[]>(
    "SELECT looked_after_since::text AS since FROM placements.known_child WHERE id = $1::uuid",
    id,
  ))[0];

/** Registered, not looked after (yet). */
async function childNotLookedAfter() {
  const id = randomUUID();
  await sendChildren(childEvent("ChildRegistered", id, { dateOfBirth: "2014-05-01", lookedAfterSince: null }));
  await eventually(async () => (await lookedAfterSince(id)) !== undefined);
  return id;
}

describe("placements are for looked-after children", () => {
  it("refuses a placement for a child who is not looked after (NOT_LOOKED_AFTER on input.childId), writing nothing", async () => {
    const id = await childNotLookedAfter();
    const r = await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.childId", rule: "NOT_LOOKED_AFTER" });
    expect((await entity(id))?.placements).toEqual([]);
  });

  it("refuses a placement starting before the child became looked after (BEFORE_LOOKED_AFTER on input.startDate)", async () => {
    const id = await childNotLookedAfter();
    await sendChildren(childEvent("ChildBecameLookedAfter", id, { date: "2026-03-02", legalStatus: "C2" }));
    await eventually(async () => (await lookedAfterSince(id))?.since === "2026-03-02");
    const r = await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-03-01" } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate", rule: "BEFORE_LOOKED_AFTER" });
    const ok = await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-03-02" } });
    expect(ok.errors).toBeUndefined();
  });

  it("leaving care ends the open placement on the end date (PlacementEnded), and then no new placement starts", async () => {
    const id = await knownChild();
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
    try {
      await env.svc.query(env.token, START, { input: { childId: id, type: "U6", startDate: "2026-01-05" } });
      await sendChildren(childEvent("ChildCeasedLookedAfter", id, { endDate: "2026-06-30", reason: "E4A" }));
      const ended = await eventually(async () => listener.events().find((e) => e.childId === id && e.type === "PlacementEnded"));
      expect(ended.payload).toMatchObject({ endDate: "2026-06-30", type: "U6" });
      expect((await entity(id))?.placements).toEqual([{ type: "U6", startDate: "2026-01-05", endDate: "2026-06-30", reasonForChange: null }]);
      await eventually(async () => (await lookedAfterSince(id))?.since === null);
      const r = await env.svc.query(env.token, START, { input: { childId: id, type: "U6", startDate: "2026-07-01" } });
      expect(r.errors?.[0]?.extensions).toMatchObject({ rule: "NOT_LOOKED_AFTER" });
    } finally {
      await listener.stop();
    }
  });
});

it("changePlacement answers with the reason given; it is stored on the placement that ended (DfE REASON_PLACE_CHANGE)", async () => {
  const id = await knownChild();
  await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } });
  const r = await env.svc.query<{ changePlacement: Record<string, unknown> }>(
    env.token,
    `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { type reasonForChange previousPlacement { type endDate reasonForChange } } }`,
    { input: { childId: id, type: "K2", date: "2026-03-02", reason: "CARPL" } },
  );
  expect(r.data?.changePlacement).toEqual({
    type: "K2",
    reasonForChange: "CARPL",
    previousPlacement: { type: "U4", endDate: "2026-03-02", reasonForChange: "CARPL" },
  });
});

describe("intended to last until 18", () => {
  const Q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { placements { type intendedToLastUntil18 } } } }`;
  const flags = async (id: string) =>
    (await env.svc.query<{ _entities: { placements: { type: string; intendedToLastUntil18: boolean }[] }[] }>(env.token, Q, { reps: [{ __typename: "Child", id }] })).data
      ?._entities[0]?.placements;

  it("defaults from the PLACE code (long-term foster U1/U4), may be set, and is carried in PlacementStarted", async () => {
    const id = await knownChild();
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
    try {
      await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05", endDate: "2026-02-01" } });
      await env.svc.query(env.token, START, { input: { childId: id, type: "U6", startDate: "2026-02-01" } });
      await env.svc.query(env.token, CHANGE, { input: { childId: id, type: "K2", date: "2026-03-02", reason: "CARPL", intendedToLastUntil18: true } });
      expect(await flags(id)).toEqual([
        { type: "U4", intendedToLastUntil18: true },
        { type: "U6", intendedToLastUntil18: false },
        { type: "K2", intendedToLastUntil18: true },
      ]);
      const started = await eventually(async () => {
        const s = listener.events().filter((e) => e.childId === id && e.type === "PlacementStarted");
        return s.length === 3 ? s : undefined;
      });
      expect(started.map((e) => (e.payload as { intendedToLastUntil18: boolean }).intendedToLastUntil18)).toEqual([true, false, true]);
    } finally {
      await listener.stop();
    }
  });
});

describe("corrections", () => {
  const AMEND = `mutation($input: AmendPlacementInput!) { amendPlacement(input: $input) { id type startDate endDate provider intendedToLastUntil18 } }`;
  const VOID = `mutation($input: VoidPlacementInput!) { voidPlacement(input: $input) { id voidedAt voidReason } }`;
  const audit = async (entityId: string) =>
    env.svc.service.deps.db.$queryRawUnsafe<{ action: string; details: Record<string, unknown> }[]>(
      "SELECT action, details FROM placements.audit_entry WHERE entity_id = $1 ORDER BY seq",
      entityId,
    );

  it("a team manager amends a placement with a reason: audited, PlacementAmended out", async () => {
    const id = await knownChild();
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
    try {
      const started = await env.svc.query<{ startPlacement: { id: string } }>(env.token, START, { input: { childId: id, type: "U6", startDate: "2026-01-05" } });
      const placementId = started.data!.startPlacement.id;
      const manager = await env.keys.token({ roles: ["TEAM_MANAGER"] });
      const r = await env.svc.query<{ amendPlacement: Record<string, unknown> }>(manager, AMEND, {
        input: { id: placementId, type: "U4", startDate: "2026-01-06", reason: "typed the wrong code and date" },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data?.amendPlacement).toMatchObject({ type: "U4", startDate: "2026-01-06", endDate: null, intendedToLastUntil18: false });
      const amended = await eventually(async () => listener.events().find((e) => e.childId === id && e.type === "PlacementAmended"));
      expect(amended.payload).toEqual({ placementId, type: "U4", startDate: "2026-01-06", endDate: null, intendedToLastUntil18: false, urn: null });
      expect((await audit(placementId)).map((a) => a.action)).toEqual(["placement.started", "placement.amended"]);
      expect((await audit(placementId))[1]?.details).toMatchObject({ reason: "typed the wrong code and date", before: { type: "U6" }, after: { type: "U4" } });
    } finally {
      await listener.stop();
    }
  });

  it("an amendment breaking a placement rule is refused and writes nothing; an IRO may not amend", async () => {
    const id = await knownChild();
    const first = await env.svc.query<{ startPlacement: { id: string } }>(env.token, START, {
      input: { childId: id, type: "U6", startDate: "2026-01-05", endDate: "2026-03-02" },
    });
    await env.svc.query(env.token, START, { input: { childId: id, type: "K2", startDate: "2026-03-02" } });
    const placementId = first.data!.startPlacement.id;
    const overlap = await env.svc.query(env.token, AMEND, { input: { id: placementId, endDate: "2026-03-03", reason: "wrong end" } });
    expect(overlap.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate", rule: "PLACEMENT_OVERLAP" });
    const early = await env.svc.query(env.token, AMEND, { input: { id: placementId, startDate: "2026-01-04", reason: "wrong start" } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ field: "input.startDate", rule: "BEFORE_LOOKED_AFTER" });
    const blank = await env.svc.query(env.token, AMEND, { input: { id: placementId, type: "U4", reason: "  " } });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ field: "input.reason", rule: "REASON_REQUIRED" });
    const iro = await env.keys.token({ roles: ["IRO"] });
    const forbidden = await env.svc.query(iro, AMEND, { input: { id: placementId, type: "U4", reason: "x" } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await entity(id))?.placements).toEqual([
      { type: "U6", startDate: "2026-01-05", endDate: "2026-03-02", reasonForChange: null },
      { type: "K2", startDate: "2026-03-02", endDate: null, reasonForChange: null },
    ]);
  });

  it("a voided placement stays on record but drops out of lists and rules; PlacementVoided out", async () => {
    const id = await knownChild();
    const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
    try {
      const wrong = await env.svc.query<{ startPlacement: { id: string } }>(env.token, START, { input: { childId: id, type: "U6", startDate: "2026-01-05" } });
      const placementId = wrong.data!.startPlacement.id;
      const r = await env.svc.query<{ voidPlacement: { id: string; voidedAt: string; voidReason: string } }>(env.token, VOID, {
        input: { id: placementId, reason: "entered on the wrong child" },
      });
      expect(r.data?.voidPlacement).toMatchObject({ id: placementId, voidReason: "entered on the wrong child" });
      expect(r.data?.voidPlacement.voidedAt).toEqual(expect.any(String));
      expect(await entity(id)).toMatchObject({ placements: [], currentPlacement: null });
      // The same dates are free again.
      expect((await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } })).errors).toBeUndefined();
      const again = await env.svc.query(env.token, VOID, { input: { id: placementId, reason: "twice" } });
      expect(again.errors?.[0]?.extensions).toMatchObject({ field: "input.id", rule: "ALREADY_VOIDED" });
      const voided = await eventually(async () => listener.events().find((e) => e.childId === id && e.type === "PlacementVoided"));
      expect(voided.payload).toEqual({ placementId });
      expect((await audit(placementId)).map((a) => a.action)).toEqual(["placement.started", "placement.voided"]);
    } finally {
      await listener.stop();
    }
  });
});

describe("correcting a move", () => {
  const AMEND = `mutation($input: AmendPlacementInput!) { amendPlacement(input: $input) { id startDate } }`;
  const VOID = `mutation($input: VoidPlacementInput!) { voidPlacement(input: $input) { id } }`;
  const move = async () => {
    const id = await knownChild();
    await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } });
    const moved = await env.svc.query<{ changePlacement: { id: string } }>(env.token, CHANGE, { input: { childId: id, type: "K2", date: "2026-03-02", reason: "CARPL" } });
    return { id, placementId: moved.data!.changePlacement.id };
  };

  it("correcting the move day moves the end of the placement it replaced too", async () => {
    const { id, placementId } = await move();
    const r = await env.svc.query(env.token, AMEND, { input: { id: placementId, startDate: "2026-02-27", reason: "moved on the Friday" } });
    expect(r.errors).toBeUndefined();
    expect((await entity(id))?.placements).toEqual([
      { type: "U4", startDate: "2026-01-05", endDate: "2026-02-27", reasonForChange: "CARPL" },
      { type: "K2", startDate: "2026-02-27", endDate: null, reasonForChange: null },
    ]);
  });

  it("voiding the current placement a mistaken move started reopens the placement it ended", async () => {
    const { id, placementId } = await move();
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"] });
    expect((await env.svc.query(manager, VOID, { input: { id: placementId, reason: "the move was called off" } })).errors).toBeUndefined();
    expect(await entity(id)).toMatchObject({
      placements: [{ type: "U4", startDate: "2026-01-05", endDate: null, reasonForChange: null }],
      currentPlacement: { type: "U4" },
    });
  });
});

// Last: it stops the outbox relay.
it("a caseload of children costs the same two statements as one child (DataLoader batching, no N+1)", async () => {
  const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => knownChild()));
  for (const id of ids) {
    await eventually(async () => !(await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } })).errors);
  }
  await env.svc.service.relay.stop(); // its polling would add statements of its own
  // This service reads its own events too (the child directory learns each child's home): let it catch up.
  for (let last = -1, now = await counter(); now !== last; last = now, now = await counter()) await new Promise((r) => setTimeout(r, 400));
  const statements = async (reps: string[]) => {
    await new Promise((done) => setTimeout(done, 400)); // earlier requests' read-audit entries land first
    const before = await counter();
    const r = await env.svc.query<{ _entities: Entity[] }>(env.token, CHILD, { reps: reps.map((id) => ({ __typename: "Child", id })) });
    expect(r.data?._entities.every((e) => e.placements.length === 1)).toBe(true);
    await new Promise((done) => setTimeout(done, 400)); // the read's audit entry is written just after the response
    return (await counter()) - before;
  };
  const one = await statements(ids.slice(0, 1));
  const six = await statements(ids);
  // The child references, then the placements: each a tenant-scoped batch transaction (BEGIN,
  // set_config, the query, COMMIT: row-level security, issue 9), then the request's one read-audit
  // transaction (BEGIN, set_config, chain head, entry + trail copy, COMMIT).
  expect(one).toBe(2 * 4 + 5);
  expect(six).toBe(one);
});

async function counter(): Promise<number> {
  const metric = await env.svc.service.deps.metrics.dbStatements.get();
  return metric.values[0]?.value ?? 0;
}

it("previous placements and missing episodes across a caseload cost one statement per list, however many children", async () => {
  const ids = await Promise.all([1, 2, 3, 4].map(() => knownChild()));
  for (const id of ids) {
    await eventually(async () => !(await env.svc.query(env.token, START, { input: { childId: id, type: "U4", startDate: "2026-01-05" } })).errors);
    await env.svc.query(env.token, CHANGE, { input: { childId: id, type: "K2", date: "2026-02-02", reason: "CARPL" } });
  }
  const Q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { placements { previousPlacement { reasonForChange } } missingEpisodes { id } } } }`;
  const statements = async (reps: string[]) => {
    await new Promise((done) => setTimeout(done, 400)); // earlier requests' read-audit entries land first
    const before = await counter();
    const r = await env.svc.query<{ _entities: { placements: { previousPlacement: { reasonForChange: string } | null }[] }[] }>(env.token, Q, {
      reps: reps.map((id) => ({ __typename: "Child", id })),
    });
    expect(r.data?._entities.every((e) => e.placements[1]?.previousPlacement?.reasonForChange === "CARPL")).toBe(true);
    await new Promise((done) => setTimeout(done, 400)); // the read's audit entry is written just after the response
    return (await counter()) - before;
  };
  const one = await statements(ids.slice(0, 1));
  expect(one).toBe(3 * 4 + 5); // the child references, the placements, the missing episodes (4 each), the read audit (5)
  expect(await statements(ids)).toBe(one);
});
