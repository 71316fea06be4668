import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { ensureLibrdkafka, mockKafkaClientSettings } from '../src';
import { Clients } from './helpers';

const root = path.resolve(__dirname, '..');

/** Spawns src/server.ts the way the embedded-stack launcher spawns dist/server.js. */
function startServer(): Promise<{ child: ChildProcessWithoutNullStreams; info: { bootstrapServers: string; controlUrl: string } }> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(__dirname, 'swc-register.js'), path.join(root, 'src', 'server.ts'), '--topic', 'care.referrals:3'],
    { cwd: root, env: { ...process.env, KAFKA_MOCK_CONTROL_PORT: '0' } },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
  });
}

describe('server.ts process', () => {
  const clients = new Clients();
  let server: ChildProcessWithoutNullStreams | undefined;

  beforeAll(() => ensureLibrdkafka(), 180_000); // build once here, not inside the child

  afterEach(async () => {
    await clients.disconnectAll();
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  });

  it('prints its bootstrap servers, obeys the control endpoint and stops on SIGTERM', async () => {
    const { child, info } = await startServer();
    server = child;
    expect(info.bootstrapServers).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(info.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${info.controlUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, bootstrapServers: info.bootstrapServers });

    const post = (p: string, body?: unknown) =>
      fetch(`${info.controlUrl}${p}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await post('/topics', { name: 'care.reviews', partitions: 2 })).status).toBe(201);
    expect((await post('/topics', { name: 'care.bad' })).status).toBe(400);
    expect((await post('/brokers/7/down')).status).toBe(404);

    const admin = clients.add(new Kafka({ brokers: [info.bootstrapServers], logLevel: logLevel.NOTHING, ...mockKafkaClientSettings }).admin());
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: ['care.referrals', 'care.reviews'] });
    expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({
      'care.referrals': 3,
      'care.reviews': 2,
    });
    await admin.disconnect();

    // Down really means down: a fresh client cannot connect until the broker is up again.
    expect((await post('/brokers/1/down')).status).toBe(200);
    const probe = clients.add(
      new Kafka({ brokers: [info.bootstrapServers], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin(),
    );
    await expect(probe.connect()).rejects.toThrow(/ECONNREFUSED|Connection/);
    expect((await post('/brokers/1/up')).status).toBe(200);
    await probe.connect();
    await probe.disconnect();

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
