import autocannon from "autocannon";
import { generateSigningKeyPair, signAccessToken } from "@caregraph/platform";
import { eventually } from "@caregraph/platform/testing";
import { graphqlOk } from "./client";
import { seedCaseload } from "./seed";
import { startIsolatedStack, Stack } from "./stack";

/**
 * npm run bench: the child-record query (child + placements + health assessments) through the
 * gateway, on a stack of its own — embedded by default, or DATABASE_URL / KAFKA_BROKERS if set.
 * Prints requests/s, latency percentiles and SQL statements per request (from each subgraph's
 * db_statements_total, less the background rate of relays and consumers measured while idle).
 * Tunables: BENCH_SECONDS (15), BENCH_CONNECTIONS (10), BENCH_CHILDREN (40).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 40);

const CHILD_RECORD = `query ChildRecord($id: ID!) { child(id: $id) {
  id firstName lastName dateOfBirth legalStatus { code startDate }
  placements { id type startDate endDate }
  currentPlacement { id type postcode }
  healthAssessments { id kind dueDate completedOn status }
} }`;

async function main() {
  const keys = await generateSigningKeyPair();
  const token = await signAccessToken(keys.privateKeyPem, { userId: "bench", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"], tenant: "E09000027" }, { issuer: "caregraph", audience: "caregraph", expiresIn: "1h" });
  log(`Starting a stack (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}, ${process.env.KAFKA_BROKERS ? "Kafka" : "embedded mock broker"})…`);
  const stack = await startIsolatedStack({
    databaseUrl: process.env.DATABASE_URL || undefined,
    kafkaBrokers: process.env.KAFKA_BROKERS || undefined,
    publicKeyPem: keys.publicKeyPem,
    logLevel: "warn",
  });
  try {
    const ids = await seedCaseload(stack.gatewayUrl, token, CHILDREN);
    for (const id of ids) {
      await eventually(async () => {
        const r = await graphqlOk<{ child: { healthAssessments: unknown[] } }>(stack.gatewayUrl, token, CHILD_RECORD, { id });
        return r.child.healthAssessments.length > 0;
      });
    }
    log(`Seeded ${ids.length} children; measuring the idle statement rate…`);
    const idle = await statementRate(stack, 3000);

    await run(stack, token, ids, 3); // warm-up: JIT, query-plan cache, connection pools
    const before = await statements(stack);
    const started = Date.now();
    const result = await run(stack, token, ids, SECONDS);
    const elapsed = (Date.now() - started) / 1000;
    const sql = (await statements(stack)) - before - idle * elapsed;
    const lat = result.latencies.sort((a, b) => a - b);
    const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;
    log(`
CareGraph child-record query through the gateway (${CONNECTIONS} connections, ${SECONDS} s, ${ids.length} children)
  requests          ${result.total}  (${result.non2xx} non-2xx, ${result.errors} errors)
  requests/s        ${(result.total / elapsed).toFixed(1)}
  latency p50       ${pct(50).toFixed(1)} ms
  latency p95       ${pct(95).toFixed(1)} ms
  latency p99       ${pct(99).toFixed(1)} ms
  SQL statements    ${(sql / result.total).toFixed(2)} per request (all subgraphs; idle background ${idle.toFixed(1)}/s subtracted)
  node ${process.version}, ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);
  } finally {
    await stack.stop();
  }
}

async function run(stack: Stack, token: string, ids: string[], seconds: number) {
  let i = 0;
  const latencies: number[] = [];
  let errors = 0;
  let done: (r: autocannon.Result) => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((done = resolve), (failed = reject)));
  const instance = autocannon({
    url: stack.gatewayUrl,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: CHILD_RECORD, variables: { id: ids[i++ % ids.length] } }) }) }],
  }, (err, result) => (err ? failed(err) : done(result)));
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  instance.on("reqError", () => errors++);
  const result = await finished;
  return { total: result.requests.total, non2xx: result.non2xx, errors: errors + result.errors, latencies };
}

async function statements(stack: Stack): Promise<number> {
  let total = 0;
  for (const url of stack.metricsUrls.values()) {
    const text = await (await fetch(url)).text();
    const line = text.split("\n").find((l) => l.startsWith("db_statements_total"));
    total += line ? Number(line.split(" ").pop()) : 0;
  }
  return total;
}

async function statementRate(stack: Stack, ms: number): Promise<number> {
  const a = await statements(stack);
  await new Promise((r) => setTimeout(r, ms));
  return ((await statements(stack)) - a) / (ms / 1000);
}

function log(s: string) {
  process.stdout.write(`${s}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exit(1);
});
