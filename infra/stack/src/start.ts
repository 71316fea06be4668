import { clockShape, loadConfig, now, signAccessToken } from "@caregraph/platform";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ensureDevKeys } from "./dev-keys";
import { megabytes, residentBytes } from "./memory";
import { HOME, LOGS } from "./paths";
import { seedCaseload } from "./seed";
import { StackStep, startStack } from "./stack";

/**
 * `npm start`: the whole graph on this machine. With no configuration it embeds everything
 * (PGlite databases under .caregraph/data, librdkafka's mock broker); DATABASE_URL,
 * KAFKA_BROKERS and REDIS_URL point it at real services instead.
 */
async function main() {
  const env = process.env;
  // A practice environment or demo on another date: CAREGRAPH_CLOCK=<ISO instant> for every process.
  loadConfig(clockShape, env);
  if (env.CAREGRAPH_CLOCK) say(`Clock: CAREGRAPH_CLOCK set, "now" is ${now().toISOString()} and runs on from there.`);
  const devKeys = env.JWT_PUBLIC_KEY ? null : await ensureDevKeys();
  const gatewayPort = Number(env.PORT ?? 4000);
  say("Starting CareGraph…");
  const stack = await startStack({
    onProgress: sayStep,
    databaseUrl: env.DATABASE_URL || undefined,
    kafkaBrokers: env.KAFKA_BROKERS || undefined,
    redisUrl: env.REDIS_URL || undefined,
    publicKeyPem: env.JWT_PUBLIC_KEY ?? devKeys!.publicKeyPem,
    dataDir: join(HOME, "data"),
    logDir: LOGS,
    gatewayPort,
    logLevel: env.LOG_LEVEL ?? "info",
    sandbox: true,
  });
  const shutdown = () => {
    say("\nStopping…");
    stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  if (devKeys) {
    const token = await signAccessToken(devKeys.privateKeyPem, { userId: "seed", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"], tenant: "E09000027" }, { issuer: "caregraph", audience: "caregraph", expiresIn: "30m" });
    say(step("Seeding a synthetic caseload (first start only)…"));
    const ids = await seedCaseload(stack.gatewayUrl, token);
    say(step(`Synthetic caseload: ${ids.length} children in local authority E09000027.`));
  }
  const processes = stack.processes();
  const memory = residentBytes([process.pid, ...processes.map((p) => p.pid)]);
  say(`
CareGraph is running.
  GraphQL endpoint   ${stack.gatewayUrl.replace("127.0.0.1", "localhost")}   (Apollo Sandbox in a browser)
  Explorer           ${stack.gatewayUrl.replace("127.0.0.1", "localhost").replace(/\/graphql$/, "/explorer/")}   (GraphiQL bundled, no CDN: paste a token into its headers)
  Subgraphs          ${[...stack.serviceUrls].map(([n, u]) => `${n} ${u}`).join("\n                     ")}
  Database           ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite under ${join(HOME, "data")}`}
  Kafka              ${env.KAFKA_BROKERS ? env.KAFKA_BROKERS : `embedded mock broker at ${stack.kafkaBrokers}`}
  Logs               ${LOGS}
  Ready in           ${seconds()} s since npm start began; ${megabytes(memory)} resident across ${processes.length + 1} processes

Get a token (valid 8 hours) and query:
  TOKEN=$(npm run -s token -- --role SOCIAL_WORKER --tenant E09000027 | tail -n 1)
  curl -s localhost:${gatewayPort}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ children(first: 3) { edges { node { id firstName currentPlacement { type } healthAssessments { kind dueDate status } } } } }"}'

A partner agency's token (it runs only its own persisted operations: gateway/PARTNERS.md):
  TOKEN=$(npm run -s partner:token -- --partner county-police | tail -n 1)

Ctrl-C stops everything.`);
}

// Durations for the progress lines only: elapsed real time, not the platform's (settable) clock.
const began = Number(process.env.CAREGRAPH_START_BEGAN_MS ?? 0);
const seconds = () => ((performance.timeOrigin + performance.now() - (began || performance.timeOrigin)) / 1000).toFixed(0);
const step = (s: string) => `  [${seconds().padStart(3)} s] ${s}`;

function sayStep(s: StackStep) {
  if (s.part === "kafka") say(step(s.state === "starting" ? "Kafka: starting the embedded broker…" : "Kafka: broker ready."));
  else if (s.part === "subgraphs") say(step(`Subgraphs: starting ${s.of} (each opens its database and applies its migrations: slowest on the first start)…`));
  else if (s.part === "gateway") say(step(s.state === "starting" ? "Gateway: composing the supergraph…" : "Gateway: ready."));
  else say(step(`Subgraph ${s.part} ready (${s.ready}/${s.of}).`));
}

function say(s: string) {
  process.stdout.write(`${s}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`CareGraph did not start: ${e.message}\n`);
  process.exit(1);
});
