/// <reference types="jest" />
import type { MockKafkaCluster } from "@caregraph/kafka-mock";
import type { BaseContext } from "../graphql";
import type { TransactionalDb } from "../db-types";
import type { ServiceDefinition } from "../service";
import { startTestBroker } from "./broker";
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
