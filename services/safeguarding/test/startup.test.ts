import { envelope, eventsTopic, RunningService, setClock } from "@caregraph/platform";
import { createTestDatabase, eventually, publish, startTestBroker, testKafka, testKeys } from "@caregraph/platform/testing";
import type { MockKafkaCluster } from "@caregraph/kafka-mock";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";
import { startSafeguarding } from "../src/service";

/** The service as `npm start` runs it (src/index.ts): with its periodic escalation check on. */
let broker: MockKafkaCluster;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let service: RunningService<PrismaClient>;
let token: string;

beforeAll(async () => {
  broker = await startTestBroker();
  db = await createTestDatabase("safeguarding");
  const keys = await testKeys();
  token = await keys.token();
  service = await startSafeguarding({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: broker.bootstrapServers,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    PORT: "0",
    LOG_LEVEL: "silent",
    SAFEGUARDING_ESCALATION_INTERVAL_MS: "100",
  });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await db?.drop();
  await broker?.stop();
  setClock(null);
});

it("an initial conference left overdue is escalated to a team manager with nobody acting", async () => {
  setClock("2026-12-21T10:00:00Z");
  const childId = randomUUID();
  await publish(testKafka(broker.bootstrapServers), eventsTopic("children"), [
    envelope({ type: "ChildRegistered", childId, payload: { dateOfBirth: "2016-03-03" } }, { tenant: "E09000027", source: "children", actor: "test" }),
  ]);
  const res = await fetch(service.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($input: RecordStrategyDiscussionInput!) { recordStrategyDiscussion(input: $input) { id } }`,
      variables: { input: { childId, heldOn: "2026-12-18", outcome: "SECTION_47" } },
    }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();

  setClock("2027-01-14T08:00:00Z");
  const escalation = await eventually(async () =>
    (await service.deps.db.safeguardingTask.findMany({ where: { childId, task: "Escalation" } }))[0],
  );
  expect(escalation).toMatchObject({ assignedRole: "TEAM_MANAGER", escalatesTaskId: expect.any(String) });
  // The audit trail names the system as the actor.
  const audit = await service.deps.db.$queryRawUnsafe<{ actor: string; action: string }[]>(
    "SELECT actor, action FROM safeguarding.audit_entry WHERE child_id = $1 ORDER BY seq",
    childId,
  );
  expect(audit.map((a) => [a.actor, a.action])).toEqual([
    ["test-social-worker", "strategy_discussion.recorded"],
    ["system:safeguarding", "initial_conference.overdue_escalated"],
  ]);
});
