/**
 * Standalone mock broker process for the embedded stack and end-to-end tests.
 *
 *   node dist/server.js [--brokers N] [--topic name:partitions]...
 *   env: KAFKA_MOCK_BROKERS, KAFKA_MOCK_TOPICS="a:3,b:1", KAFKA_MOCK_CONTROL_PORT (0 = random)
 *
 * Prints exactly one JSON line on stdout when ready (logs go to stderr):
 *   {"bootstrapServers":"127.0.0.1:PORT","controlUrl":"http://127.0.0.1:PORT"}
 * Control API (127.0.0.1 only): POST /brokers/:id/down, POST /brokers/:id/up,
 * POST /topics {"name","partitions"}, GET /healthz.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockKafkaCluster, type TopicSpec } from './cluster';

interface ServerArgs {
  brokers: number;
  topics: TopicSpec[];
  controlPort: number;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): ServerArgs {
  const topics = (env.KAFKA_MOCK_TOPICS ?? '').split(',').filter(Boolean).map(parseTopic);
  let brokers = Number(env.KAFKA_MOCK_BROKERS ?? 1);
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--topic' && value) topics.push(parseTopic(value));
    else if (flag === '--brokers' && value) brokers = Number(value);
    else throw new Error(`unknown argument ${flag} (use --brokers N, --topic name:partitions)`);
    i++;
  }
  return { brokers, topics, controlPort: Number(env.KAFKA_MOCK_CONTROL_PORT ?? 0) };
}

function parseTopic(spec: string): TopicSpec {
  const [name, partitions = '1'] = spec.trim().split(':');
  const n = Number(partitions);
  if (!name || !Number.isInteger(n) || n < 1) throw new Error(`bad topic "${spec}", expected name:partitions`);
  return { name, partitions: n };
}

function handle(cluster: MockKafkaCluster, req: http.IncomingMessage, body: string): [number, unknown] {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/healthz') {
    return [200, { ok: true, bootstrapServers: cluster.bootstrapServers, librdkafka: cluster.librdkafkaVersion }];
  }
  const broker = /^\/brokers\/(\d+)\/(up|down)$/.exec(url.pathname);
  if (req.method === 'POST' && broker) {
    const id = Number(broker[1]);
    if (id < 1 || id > cluster.brokerCount) return [404, { error: `no broker ${id}` }];
    if (broker[2] === 'down') cluster.setBrokerDown(id);
    else cluster.setBrokerUp(id);
    return [200, { broker: id, state: broker[2] }];
  }
  if (req.method === 'POST' && url.pathname === '/topics') {
    const { name, partitions } = JSON.parse(body || '{}') as Partial<TopicSpec>;
    if (typeof name !== 'string' || !name || !Number.isInteger(partitions) || (partitions as number) < 1) {
      return [400, { error: 'expected {"name": string, "partitions": integer >= 1}' }];
    }
    cluster.createTopic(name, partitions as number);
    return [201, { name, partitions }];
  }
  return [404, { error: `no route ${req.method} ${url.pathname}` }];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), process.env);
  const cluster = await MockKafkaCluster.start({ brokers: args.brokers, topics: args.topics });

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      let status: number;
      let payload: unknown;
      try {
        [status, payload] = handle(cluster, req, body);
      } catch (err) {
        [status, payload] = [400, { error: (err as Error).message }];
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(args.controlPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[kafka-mock] stopping (${why})\n`);
    server.closeAllConnections();
    server.close();
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A launcher killed with SIGKILL cannot forward a signal: do not outlive it as an orphan.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop('parent exited'), 1000).unref();

  process.stdout.write(`${JSON.stringify({ bootstrapServers: cluster.bootstrapServers, controlUrl: `http://127.0.0.1:${port}` })}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`[kafka-mock] ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
