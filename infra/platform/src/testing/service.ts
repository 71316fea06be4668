import type { BaseContext } from "../graphql";
import type { TransactionalDb } from "../db-types";
import { RunningService, ServiceDefinition, startService } from "../service";
import { createTestDatabase } from "../db/testing";

export interface TestService<Client> {
  url: string;
  /** The service's own throw-away database (for tools that connect as the login role, e.g. keys:rotate). */
  databaseUrl: string;
  service: RunningService<Client>;
  /** POST a GraphQL operation to the subgraph with a token (or none). */
  query<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * One subgraph started in-process the way production starts it, on a fresh PostgreSQL
 * database and the given broker.
 */
export async function startTestService<Client extends TransactionalDb<any>, Ctx extends BaseContext>( // eslint-disable-line @typescript-eslint/no-explicit-any
  def: ServiceDefinition<Client, Ctx>,
  o: { brokers: string; publicKeyPem: string },
): Promise<TestService<Client>> {
  const db = await createTestDatabase(def.name.replace(/-/g, "_"));
  const service = await startService(def, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: o.brokers,
    JWT_PUBLIC_KEY: o.publicKeyPem,
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  });
  return {
    url: service.url,
    databaseUrl: db.url,
    service,
    async query(token, query, variables = {}) {
      const res = await fetch(service.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async stop() {
      await service.stop();
      await db.drop();
    },
  };
}
