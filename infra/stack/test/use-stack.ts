import { setClock } from "@caregraph/platform/clock";
import { createTestDatabase, testKeys, type TestKeys } from "@caregraph/platform/testing";
import { Stack, startIsolatedStack } from "../src/stack";

/**
 * The whole graph for one e2e file: a fresh PostgreSQL database, every subgraph, the gateway and
 * the broker as separate processes, and — when the file pins one — the stack's shared clock.
 * Registers its own beforeAll/afterAll; a file's later beforeAll hooks run once the stack is up.
 */
export interface StackFixture {
  stack: Stack;
  keys: TestKeys;
  databaseUrl: string;
}

export interface StackFixtureOptions {
  /** The clock of this process and every process of the stack (CAREGRAPH_CLOCK), for the whole file. */
  clock?: string;
  logLevel?: string;
  env?: NodeJS.ProcessEnv;
}

export function useStack(name: string, o: StackFixtureOptions = {}): StackFixture {
  const fixture = {} as StackFixture;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (o.clock) setClock(o.clock);
    const db = await createTestDatabase(name);
    drop = db.drop;
    fixture.databaseUrl = db.url;
    fixture.keys = await testKeys();
    fixture.stack = await startIsolatedStack({ databaseUrl: db.url, publicKeyPem: fixture.keys.publicKeyPem, logLevel: o.logLevel ?? "warn", env: o.env });
  }, 180_000);
  afterAll(async () => {
    await fixture.stack?.stop();
    await drop?.();
    if (o.clock) setClock(null);
  }, 60_000);
  return fixture;
}
