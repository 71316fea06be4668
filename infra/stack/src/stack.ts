import { allTopics, clockEnv, TOPIC_PARTITIONS } from "@caregraph/platform";
import { SUBGRAPHS, urlVariable } from "@caregraph/gateway/dist/subgraphs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePorts } from "./ports";
import { ManagedProcess } from "./processes";
import { ROOT } from "./paths";

export interface StackOptions {
  /** Real PostgreSQL; unset = each service on embedded PGlite under dataDir. */
  databaseUrl?: string;
  /** Real Kafka; unset = librdkafka's mock broker in its own process. */
  kafkaBrokers?: string;
  redisUrl?: string;
  publicKeyPem: string;
  dataDir: string;
  logDir: string;
  gatewayPort: number;
  /** Port per subgraph; default the gateway's defaults (4001…). */
  servicePorts?: Record<string, number>;
  /** Metrics port per subgraph (its /metrics is off the public port); default the service's port + 5000. */
  metricsPorts?: Record<string, number>;
  logLevel?: string;
  sandbox?: boolean;
  /** Extra environment for every process (e.g. LEAVING_CARE_CHECK_INTERVAL_MS in a test). */
  env?: NodeJS.ProcessEnv;
  /** Told as each part comes up (npm start shows it). */
  onProgress?: (step: StackStep) => void;
}

/** One part of the stack coming up: the broker, each subgraph, the gateway. */
export interface StackStep {
  part: string;
  state: "starting" | "ready";
  /** Subgraphs ready so far, of how many. */
  ready?: number;
  of?: number;
}

export interface EmbeddedBroker {
  bootstrapServers: string;
  controlUrl: string;
  process: ManagedProcess;
}

export interface Stack {
  gatewayUrl: string;
  gateway: ManagedProcess;
  services: Map<string, ManagedProcess>;
  serviceUrls: Map<string, string>;
  /** Each subgraph's /metrics. */
  metricsUrls: Map<string, string>;
  broker: EmbeddedBroker | null;
  kafkaBrokers: string;
  /** Every process the stack started (broker, subgraphs, gateway). */
  processes(): ManagedProcess[];
  stop(): Promise<void>;
}

/** Starts the broker (if embedded), every subgraph, then the gateway — each a separate process. */
export async function startStack(o: StackOptions): Promise<Stack> {
  const progress = o.onProgress ?? (() => undefined);
  if (!o.kafkaBrokers) progress({ part: "kafka", state: "starting" });
  const broker = o.kafkaBrokers ? null : await startEmbeddedBroker(o.logDir);
  if (broker) progress({ part: "kafka", state: "ready" });
  const kafkaBrokers = o.kafkaBrokers ?? broker!.bootstrapServers;
  const common: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: o.logLevel ?? "info",
    JWT_PUBLIC_KEY: o.publicKeyPem,
    KAFKA_BROKERS: kafkaBrokers,
    CAREGRAPH_DATA_DIR: o.dataDir,
    // One clock for every process (CAREGRAPH_CLOCK, read by this process at start-up).
    ...clockEnv(),
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...o.env,
  };
  const services = new Map<string, ManagedProcess>();
  const serviceUrls = new Map<string, string>();
  const metricsUrls = new Map<string, string>();
  const started: ManagedProcess[] = broker ? [broker.process] : [];
  const stop = async () => {
    for (const p of [...started].reverse()) await p.stop();
  };
  let ready = 0;
  try {
    progress({ part: "subgraphs", state: "starting", ready, of: SUBGRAPHS.length });
    await Promise.all(
      SUBGRAPHS.map(async ({ name, port: defaultPort }) => {
        const port = o.servicePorts?.[name] ?? defaultPort;
        const metricsPort = o.metricsPorts?.[name] ?? port + 5000;
        metricsUrls.set(name, `http://127.0.0.1:${metricsPort}/metrics`);
        const p = new ManagedProcess(
          name,
          join(ROOT, "services", name, "dist", "index.js"),
          { ...common, PORT: String(port), METRICS_PORT: String(metricsPort) },
          o.logDir,
          `http://127.0.0.1:${port}/readyz`,
        );
        services.set(name, p);
        serviceUrls.set(name, `http://127.0.0.1:${port}/graphql`);
        started.push(p);
        await p.start();
        progress({ part: name, state: "ready", ready: ++ready, of: SUBGRAPHS.length });
      }),
    );
    const gateway = new ManagedProcess(
      "gateway",
      join(ROOT, "gateway", "dist", "index.js"),
      {
        ...common,
        PORT: String(o.gatewayPort),
        SANDBOX: o.sandbox ? "true" : "false",
        ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
        ...Object.fromEntries([...serviceUrls].map(([name, url]) => [urlVariable(name), url])),
      },
      o.logDir,
      `http://127.0.0.1:${o.gatewayPort}/readyz`,
    );
    started.push(gateway);
    progress({ part: "gateway", state: "starting" });
    await gateway.start();
    progress({ part: "gateway", state: "ready" });
    return {
      gatewayUrl: `http://127.0.0.1:${o.gatewayPort}/graphql`,
      gateway,
      services,
      serviceUrls,
      metricsUrls,
      broker,
      kafkaBrokers,
      processes: () => [...started],
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * A whole stack of its own for tests and the benchmark: free ports for the gateway and every
 * subgraph, data and logs in a fresh temporary folder.
 */
export async function startIsolatedStack(o: Pick<StackOptions, "databaseUrl" | "kafkaBrokers" | "publicKeyPem" | "logLevel" | "env">): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "caregraph-"));
  const [gatewayPort, ...ports] = await freePorts(1 + 2 * SUBGRAPHS.length);
  return startStack({
    ...o,
    dataDir: join(dir, "data"),
    logDir: join(dir, "logs"),
    gatewayPort: gatewayPort!,
    servicePorts: Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [name, ports[i]!])),
    metricsPorts: Object.fromEntries(SUBGRAPHS.map(({ name }, i) => [name, ports[SUBGRAPHS.length + i]!])),
  });
}

/** librdkafka's mock cluster in a child process; it prints its address as one JSON line. */
export async function startEmbeddedBroker(logDir: string): Promise<EmbeddedBroker> {
  let resolveLine: (v: { bootstrapServers: string; controlUrl: string }) => void = () => undefined;
  const line = new Promise<{ bootstrapServers: string; controlUrl: string }>((r) => (resolveLine = r));
  const p = new ManagedProcess(
    "kafka",
    join(ROOT, "infra", "kafka-mock", "dist", "server.js"),
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      KAFKA_MOCK_TOPICS: allTopics().map((t) => `${t}:${TOPIC_PARTITIONS}`).join(","),
    },
    logDir,
  );
  await p.start(0, (l) => {
    if (l.startsWith("{") && l.includes("bootstrapServers")) resolveLine(JSON.parse(l));
  });
  // The first start on a machine may compile librdkafka (~45 s).
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`embedded broker did not start:\n${p.tail()}`)), 180_000);
  });
  try {
    return { ...(await Promise.race([line, timeout])), process: p };
  } catch (e) {
    await p.stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
