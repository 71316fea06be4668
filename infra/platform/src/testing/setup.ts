/// <reference types="jest" />
import type { MockKafkaCluster } from "@caregraph/kafka-mock";
import type { BaseContext } from "../graphql";
import type { TransactionalDb } from "../db-types";
import type { ServiceDefinition } from "../service";
import { randomUUID } from "node:crypto";
import { envelope } from "../events/envelope";
import { eventsTopic } from "../events/topics";
import { startTestBroker } from "./broker";
import { publish, testKafka } from "./kafka";
import { startTestService, TestService } from "./service";
import { testKeys, TestKeys } from "./tokens";

export interface ServiceUnderTest<Client> {
  broker: MockKafkaCluster;
  keys: TestKeys;
  svc: TestService<Client>;
  /** A SOCIAL_WORKER token for `tenant`. */
  token: string;
}

/**
 * The setup every service's integration tests share, registered as jest hooks: a broker of the
 * file's own, a signing key, the service on a fresh database. Fields are filled in beforeAll.
 */
export function serviceUnderTest<Client extends TransactionalDb<any>, Ctx extends BaseContext>( // eslint-disable-line @typescript-eslint/no-explicit-any
  def: ServiceDefinition<Client, Ctx>,
  tenant = "E09000027",
): ServiceUnderTest<Client> {
  const env = {} as ServiceUnderTest<Client>;
  beforeAll(async () => {
    env.broker = await startTestBroker();
    env.keys = await testKeys();
    env.token = await env.keys.token({ tenant });
    env.svc = await startTestService(def, { brokers: env.broker.bootstrapServers, publicKeyPem: env.keys.publicKeyPem });
  }, 60_000);
  afterAll(async () => {
    await env.svc?.stop();
    await env.broker?.stop();
  });
  return env;
}

/** What the children domain announces of a new child (synthetic). */
export interface AnnouncedChild {
  dateOfBirth: string;
  lookedAfterSince?: string | null;
  legalStatus?: string | null;
  tenant?: string;
}

/**
 * A child the service under test has heard of, as from the children domain: ChildRegistered on
 * its topic, published to the file's broker (the service consumes it like any other). Returns its id.
 */
export async function announceChild(env: ServiceUnderTest<unknown>, child: AnnouncedChild): Promise<string> {
  const id = randomUUID();
  const { tenant = "E09000027", ...payload } = child;
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    envelope({ type: "ChildRegistered", childId: id, payload: { legalStatus: "C2", ...payload } }, { tenant, source: "children", actor: "test" }),
  ]);
  return id;
}
