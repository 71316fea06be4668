import { ServiceDefinition } from "@caregraph/platform";
import { startTestBroker, startTestService, TestKeys, testKeys, TestService } from "@caregraph/platform/testing";
import type { MockKafkaCluster } from "@caregraph/kafka-mock";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadGatewayConfig } from "../src/config";
import { startGateway } from "../src/server";
import { urlVariable } from "../src/subgraphs";

/**
 * The gateway in front of real subgraphs for one test file: each named subgraph on a fresh
 * PostgreSQL database, a Kafka-protocol broker, test keys. Registers its own beforeAll/afterAll.
 */
export interface RealGraph {
  gateway: Awaited<ReturnType<typeof startGateway>>;
  keys: TestKeys;
  subgraphs: Map<string, TestService<unknown>>;
}

export function useSubgraphs(names: string[]): RealGraph {
  const graph = { subgraphs: new Map() } as RealGraph;
  let broker: MockKafkaCluster | undefined;
  beforeAll(async () => {
    broker = await startTestBroker();
    graph.keys = await testKeys();
    const env: NodeJS.ProcessEnv = {};
    for (const name of names) {
      const svc = await startTestService(subgraphDefinition(name), { brokers: broker.bootstrapServers, publicKeyPem: graph.keys.publicKeyPem });
      graph.subgraphs.set(name, svc);
      env[urlVariable(name)] = svc.url;
    }
    graph.gateway = await startGateway(loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: graph.keys.publicKeyPem, LOG_LEVEL: "silent" }), env);
  }, 120_000);
  afterAll(async () => {
    await graph.gateway?.stop();
    for (const s of graph.subgraphs.values()) await s.stop();
    await broker?.stop();
  });
  return graph;
}

/**
 * A subgraph's definition from its source (jest compiles it; its Prisma client must have been
 * generated: `npm run build` does that). The gateway does not depend on the services' packages.
 */
function subgraphDefinition(name: string): ServiceDefinition<never, never> {
  const dir = join(__dirname, "..", "..", "services", name);
  if (!existsSync(join(dir, "src", "generated"))) throw new Error(`${dir}/src/generated is missing: run \`npm run build\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = Object.values(require(join(dir, "src", "service")) as Record<string, ServiceDefinition<never, never> | undefined>);
  const def = exported.find((d) => d?.name === name);
  if (!def) throw new Error(`services/${name}/src/service exports no ServiceDefinition named "${name}"`);
  return def;
}
