import { workingDaysAfter } from "@caregraph/platform/calendar";
import { eventually } from "@caregraph/platform/testing";
import { Kafka, logLevel } from "kafkajs";
import { Client } from "pg";
import { graphql, graphqlOk } from "../src/client";
import { useStack } from "./use-stack";

/**
 * The whole graph as separate processes — three subgraphs, the gateway, the mock Kafka broker —
 * on a fresh PostgreSQL database, driven only through the gateway's public endpoint.
 */
const e2e = useStack("e2e", { logLevel: "info" });
let token: string;
beforeAll(async () => {
  token = await e2e.keys.token({ tenant: "E09000027" });
});

const CHILD_RECORD = `query($id: ID!) { child(id: $id) {
  id firstName dateOfBirth
  placements { id type startDate endDate }
  currentPlacement { id type }
  healthAssessments { id kind reason dueDate completedOn status }
} }`;

type Assessment = { id: string; kind: string; reason: string; dueDate: string; completedOn: string | null; status: string };
type ChildRecord = { child: { id: string; placements: { id: string; type: string }[]; currentPlacement: { type: string } | null; healthAssessments: Assessment[] } };

const record = (id: string) => graphqlOk<ChildRecord>(e2e.stack.gatewayUrl, token, CHILD_RECORD, { id });

let registered = 0;
async function register(lookedAfterSince: string) {
  const r = await graphqlOk<{ registerChild: { id: string } }>(
    e2e.stack.gatewayUrl,
    token,
    `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
    // A surname per child: the same name and date of birth twice is refused as a possible duplicate.
    { input: { firstName: "Test", lastName: `Child${++registered}`, dateOfBirth: "2016-05-04", sex: "FEMALE", lookedAfterSince, legalStatus: "C2" } },
  );
  return r.registerChild.id;
}

const startPlacement = (childId: string, startDate: string) =>
  graphqlOk(e2e.stack.gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
    input: { childId, type: "U4", startDate, provider: "PR1", postcode: "tw9 1aa" },
  });

const changePlacement = (childId: string, date: string) =>
  graphqlOk(e2e.stack.gatewayUrl, token, `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id type } }`, {
    input: { childId, type: "K2", date, reason: "CARPL", provider: "PR4" },
  });

/** The initial health assessment done (a move while it is still open schedules nothing: the IHA covers it). */
async function initialAssessmentDone(childId: string, completedOn: string) {
  await eventually(async () => (await record(childId)).child.healthAssessments.some((a) => a.kind === "INITIAL"));
  await graphqlOk(e2e.stack.gatewayUrl, token, `mutation($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id } }`, {
    input: { childId, completedOn, kind: "INITIAL" },
  });
}

const moveReviews = async (childId: string) => (await record(childId)).child.healthAssessments.filter((a) => a.reason === "PLACEMENT_MOVE");

it("registering a looked-after child schedules an initial health assessment 20 working days later (over Easter)", async () => {
  const id = await register("2026-03-25");
  const iha = await eventually(async () => (await record(id)).child.healthAssessments.find((a) => a.kind === "INITIAL"));
  expect(iha.dueDate).toBe("2026-04-24");
  expect(iha.reason).toBe("BECAME_LOOKED_AFTER");
});

it("a placement move makes a health reassessment appear through the gateway within seconds", async () => {
  const id = await register("2026-10-01");
  await startPlacement(id, "2026-10-01");
  await initialAssessmentDone(id, "2026-10-20");
  await changePlacement(id, "2026-11-02");
  const started = Date.now();
  const reviews = await eventually(async () => {
    const r = await moveReviews(id);
    return r.length ? r : undefined;
  }, 10_000);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(reviews).toHaveLength(1);
  expect(reviews[0]?.dueDate).toBe(workingDaysAfter("2026-11-02", 20));
  const { child } = await record(id);
  expect(child.placements.map((p) => p.type)).toEqual(["U4", "K2"]);
});

it("the same event delivered twice creates one assessment", async () => {
  const id = await register("2026-09-01");
  await startPlacement(id, "2026-09-01");
  await initialAssessmentDone(id, "2026-09-10");
  await changePlacement(id, "2026-09-15");
  await eventually(async () => (await moveReviews(id)).length === 1);

  // Read the PlacementStarted event from Kafka exactly as it was published, and publish it again.
  const kafka = new Kafka({ clientId: "e2e", brokers: e2e.stack.kafkaBrokers.split(","), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-${Date.now()}`, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
  const original = await new Promise<{ key: Buffer | null; value: Buffer | null }>((resolve, reject) => {
    consumer
      .connect()
      .then(() => consumer.subscribe({ topic: "caregraph.placements.events", fromBeginning: true }))
      .then(() =>
        consumer.run({
          eachMessage: async ({ message }) => {
            const e = JSON.parse(message.value?.toString() ?? "{}");
            if (e.childId === id && e.type === "PlacementStarted" && e.payload.isMove) resolve({ key: message.key, value: message.value });
          },
        }),
      )
      .catch(reject);
  });
  await consumer.disconnect();
  const duplicatesBefore = await consumedDuplicates();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: "caregraph.placements.events", messages: [original] });
  await producer.disconnect();

  await eventually(async () => (await consumedDuplicates()) > duplicatesBefore, 15_000);
  expect(await moveReviews(id)).toHaveLength(1);
});

it("with the broker down a placement change still commits, and its event arrives once the broker is back", async () => {
  const id = await register("2026-08-03");
  await startPlacement(id, "2026-08-03");
  await initialAssessmentDone(id, "2026-08-10");
  const broker = e2e.stack.broker!;
  await fetch(`${broker.controlUrl}/brokers/1/down`, { method: "POST" });
  try {
    const change = await graphql(e2e.stack.gatewayUrl, token, `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id } }`, {
      input: { childId: id, type: "K2", date: "2026-08-20", reason: "CARPL", provider: "PR4" },
    });
    expect(change.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await moveReviews(id)).toHaveLength(0);
  } finally {
    await fetch(`${broker.controlUrl}/brokers/1/up`, { method: "POST" });
  }
  const reviews = await eventually(async () => {
    const r = await moveReviews(id);
    return r.length ? r : undefined;
  }, 45_000);
  expect(reviews[0]?.dueDate).toBe(workingDaysAfter("2026-08-20", 20));

  // And every consumer is back: a child registered now reaches placements and can be placed.
  const later = await register("2026-08-03");
  await eventually(async () => !(await graphql(e2e.stack.gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
    input: { childId: later, type: "U4", startDate: "2026-08-03" },
  })).errors, 60_000);
}, 150_000);

it("another local authority's token sees none of these children", async () => {
  const id = await register("2026-07-01");
  const other = await e2e.keys.token({ tenant: "E08000025" });
  const r = await graphqlOk<{ child: unknown }>(e2e.stack.gatewayUrl, other, CHILD_RECORD, { id });
  expect(r.child).toBeNull();
});

it("bad input names the field and the rule, and writes nothing", async () => {
  const id = await register("2026-06-01");
  await startPlacement(id, "2026-06-01");
  const clash = await graphql(e2e.stack.gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
    input: { childId: id, type: "U4", startDate: "2026-06-10" },
  });
  expect(clash.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate", rule: "PLACEMENT_OVERLAP" });
  expect(JSON.stringify(clash.errors)).not.toContain("stacktrace");
  expect((await record(id)).child.placements).toHaveLength(1);
});

it("refuses a request without a valid token", async () => {
  const r = await graphql(e2e.stack.gatewayUrl, "not-a-token", `{ child(id: "x") { id } }`);
  expect(r.status).toBe(401);
  expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
});

it("one request id travels from the gateway to the subgraph and into the audit trail", async () => {
  const res = await fetch(e2e.stack.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": "e2e-trace-0001" },
    body: JSON.stringify({
      query: `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      variables: { input: { firstName: "Trace", lastName: "Child", dateOfBirth: "2018-01-01", sex: "UNKNOWN" } },
    }),
  });
  expect(res.headers.get("x-request-id")).toBe("e2e-trace-0001");
  const { data } = (await res.json()) as { data: { registerChild: { id: string } } };
  const pg = new Client({ connectionString: e2e.databaseUrl });
  await pg.connect();
  try {
    const rows = await pg.query(`SELECT request_id, actor FROM children.audit_entry WHERE entity_id = $1`, [data.registerChild.id]);
    expect(rows.rows).toEqual([{ request_id: "e2e-trace-0001", actor: "test-social-worker" }]);
  } finally {
    await pg.end();
  }
});

async function consumedDuplicates(): Promise<number> {
  const url = e2e.stack.metricsUrls.get("health")!;
  const text = await (await fetch(url)).text();
  const line = text.split("\n").find((l) => l.startsWith("events_consumed_total") && l.includes('type="PlacementStarted"') && l.includes('outcome="duplicate"'));
  return line ? Number(line.split(" ").pop()) : 0;
}

it("a registration sent twice with the same Idempotency-Key makes one child and answers the same", async () => {
  const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id firstName } }`;
  const input = { firstName: "Idem", lastName: `Potent${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`, dateOfBirth: "2015-02-03", sex: "MALE", lookedAfterSince: "2026-10-01", legalStatus: "C2", confirmedNotDuplicate: true };
  const key = { "idempotency-key": `e2e-${input.lastName}` };
  const [first, second] = [
    await graphql<{ registerChild: { id: string } }>(e2e.stack.gatewayUrl, token, REGISTER, { input }, key),
    await graphql<{ registerChild: { id: string } }>(e2e.stack.gatewayUrl, token, REGISTER, { input }, key),
  ];
  expect(first.errors).toBeUndefined();
  expect(second.data?.registerChild.id).toBe(first.data?.registerChild.id);
  const found = await graphqlOk<{ children: { edges: unknown[] } }>(e2e.stack.gatewayUrl, token, `query($s: ChildSearchInput) { children(search: $s, first: 10) { edges { node { id } } } }`, { s: { name: input.lastName } });
  expect(found.children.edges).toHaveLength(1);
  // The same key for a different change is refused, naming the header and the rule.
  const other = await graphql(e2e.stack.gatewayUrl, token, REGISTER, { input: { ...input, firstName: "Other" } }, key);
  expect(other.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "IDEMPOTENCY_KEY_REUSED" });
});

it("an archived child still resolves in every subgraph: restoring answers with placements and health, and an archived page has no nulls", async () => {
  const id = await register("2026-07-01");
  await startPlacement(id, "2026-07-01");
  await eventually(async () => (await record(id)).child.healthAssessments.length > 0);
  await graphqlOk(e2e.stack.gatewayUrl, token, `mutation($id: ID!) { archiveChild(id: $id) { id } }`, { id });
  const page = await graphql<{ children: { edges: { node: { id: string; placements: unknown[]; healthAssessments: unknown[] } }[] } }>(
    e2e.stack.gatewayUrl,
    token,
    `{ children(search: { includeArchived: true }, first: 100) { edges { node { id placements { type } healthAssessments { kind } } } } }`,
  );
  expect(page.errors).toBeUndefined();
  const archived = page.data?.children.edges.find((e) => e.node.id === id)?.node;
  expect(archived?.placements).toHaveLength(1);
  expect(archived?.healthAssessments.length).toBeGreaterThan(0);
  const restored = await graphql<{ restoreChild: { placements: { type: string }[] } }>(
    e2e.stack.gatewayUrl,
    token,
    `mutation($id: ID!) { restoreChild(id: $id) { placements { type } healthAssessments { kind } } }`,
    { id },
  );
  expect(restored.errors).toBeUndefined();
  expect(restored.data?.restoreChild.placements).toEqual([{ type: "U4" }]);
});
