import type { RequestHandler } from "express";
import type { DocumentNode } from "graphql";
import type { IRules } from "graphql-shield";
import { Kafka, Partitioners, Producer } from "kafkajs";
import { createTokenVerifier, Role, withScopeClaims } from "./auth";
import { installFieldKeyring, keyringFromEnv } from "./crypto/keyring";
import { fieldSuggestions, loadServiceConfig, metricsPort, ServiceConfig } from "./config";
import { auditedResolvers, READ_COLLECTOR, ReadCollector } from "./audit/reads";
import { AUDIT_RECORDED, AUDIT_TOPIC, auditTrailHandler } from "./audit/trail";
import { openDatabase, Database, DatabaseClientFactory, tenantScopedClient } from "./db";
import { TransactionalDb } from "./db-types";
import {
  createKafka,
  deadLetterTopic,
  Domain,
  ensureTopics,
  EventConsumer,
  EventHandler,
  eventsTopic,
  OutboxRelay,
  TOPIC_PARTITIONS,
} from "./events";
import { BaseContext, createSubgraphApp, idempotencyStore, listen, MAX_PAGE_SIZE, metricsApp, SubgraphResolvers } from "./graphql";
import { createRecorder, Recorder } from "./records";
import { createLogger, createMetrics, Logger, Metrics } from "./telemetry";

/** What a service's own code gets to work with. */
export interface ServiceDeps<Client> {
  db: Client;
  schema: string;
  recorder: Recorder;
  log: Logger;
  metrics: Metrics;
}

// Each service's Prisma transaction client is its own generated type; handlers receive it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTx = any;

export interface ServiceDefinition<Client extends TransactionalDb<AnyTx>, Ctx extends BaseContext> {
  name: Domain;
  /** The service folder (holds prisma/migrations). */
  dir: string;
  typeDefs: DocumentNode;
  /** The generated `Resolvers` map of the service (GraphQL Code Generator, see codegen/). */
  resolvers: SubgraphResolvers;
  rules: IRules;
  /** Roles that may resolve this subgraph's entities through `_entities` (default SOCIAL_WORKER). */
  entityRoles?: Role[];
  createClient: DatabaseClientFactory<Client>;
  context: (base: BaseContext, deps: ServiceDeps<Client>) => Ctx;
  /** Domains this service reacts to, and its handlers. */
  subscriptions?: Domain[];
  handlers?: (deps: ServiceDeps<Client>) => Record<string, EventHandler<AnyTx>>;
  /** This service collects every subgraph's audit entries and answers Query.auditTrail (audit/trail.ts). */
  collectsAuditTrail?: boolean;
  /** HTTP routes of its own beside /graphql, answering without an access token (they authenticate otherwise). */
  routes?: (deps: ServiceDeps<Client>) => RequestHandler;
}

export interface RunningService<Client> {
  url: string;
  /** Where /metrics is served (METRICS_PORT; null when off). */
  metricsUrl: string | null;
  deps: ServiceDeps<Client>;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * Starts one subgraph the same way for every domain: validated config, database with its
 * migrations applied, outbox relay, event consumer, GraphQL over HTTP, graceful stop.
 */
export async function startService<Client extends TransactionalDb<AnyTx>, Ctx extends BaseContext>(
  def: ServiceDefinition<Client, Ctx>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService<Client>> {
  const config: ServiceConfig = loadServiceConfig(env);
  // Field encryption keys are checked before anything starts (production refuses to run without them).
  installFieldKeyring(keyringFromEnv(env));
  const schema = def.name.replace(/-/g, "_");
  const log = createLogger(def.name, config.LOG_LEVEL);
  const metrics = createMetrics(def.name);
  // Whatever started is stopped in reverse order — on shutdown, or if start-up fails half-way.
  const cleanup: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch((e) => log.error({ err: e }, "error while stopping"));
  };
  try {
    const database: Database<Client> = await openDatabase({
      url: config.DATABASE_URL,
      embeddedDir: `${config.CAREGRAPH_DATA_DIR}/${def.name}`,
      schema,
      migrationsDir: `${def.dir}/prisma/migrations`,
      createClient: def.createClient,
      log: (message) => log.info(message),
      onQuery: () => metrics.dbStatements.inc(),
    });
    cleanup.push(() => database.close());
    log.info({ mode: database.mode, schema }, "database ready, migrations applied");

    const kafka: Kafka = createKafka(`caregraph-${def.name}`, config.KAFKA_BROKERS, log);
    // Topics this service writes or reads, with CareGraph's partition count (where the broker allows).
    const topics = [...[def.name, ...(def.subscriptions ?? [])].map(eventsTopic), AUDIT_TOPIC];
    await ensureTopics(kafka, [...topics, deadLetterTopic(def.name)], TOPIC_PARTITIONS, log);
    const producer: Producer = kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    cleanup.push(() => producer.disconnect());
    const relay = new OutboxRelay(database.prisma, schema, producer, log, metrics);
    const deps: ServiceDeps<Client> = { db: database.prisma, schema, recorder: createRecorder(def.name, schema, relay.nudge), log, metrics };
    relay.start();
    cleanup.push(() => relay.stop());

    if (def.subscriptions?.length || def.collectsAuditTrail) {
      const consumer = new EventConsumer<AnyTx>({
        service: def.name,
        kafka,
        producer,
        db: database.prisma,
        schema,
        subscriptions: def.subscriptions ?? [],
        topics: def.collectsAuditTrail ? [AUDIT_TOPIC] : [],
        handlers: { ...def.handlers?.(deps), ...(def.collectsAuditTrail ? { [AUDIT_RECORDED]: auditTrailHandler(schema) } : {}) },
        log,
        metrics,
        afterCommit: relay.nudge,
      });
      cleanup.push(() => consumer.stop());
      await consumer.start();
    }

    // Each request works through a tenant-scoped client (db/tenant-client.ts): every statement runs
    // as caregraph_app with SET LOCAL caregraph.tenant, so row-level security backs every filter.
    // Its reads of children's records are collected and audited as one entry (audit/reads.ts).
    // Kept on the context under a symbol (Apollo may hand resolvers a shallow copy of it).
    const requestContext = (base: BaseContext): Ctx => {
      const tenant = base.identity?.tenant ?? "";
      const db = tenantScopedClient(database.prisma, tenant);
      const ctx = def.context(base, { ...deps, db });
      if (base.identity) {
        const actor = { identity: base.identity, requestId: base.requestId };
        const collector = new ReadCollector((read) =>
          db
            .$transaction((tx) => deps.recorder.read(tx, actor, read))
            .catch((err: unknown) => base.log.error({ err, childIds: read.childIds }, "read audit entry NOT written")),
        );
        (ctx as unknown as Record<symbol, ReadCollector>)[READ_COLLECTOR] = collector;
      }
      return ctx;
    };
    const { app, server } = await createSubgraphApp<Ctx>({
      name: def.name,
      typeDefs: def.typeDefs,
      resolvers: auditedResolvers(def.typeDefs, def.resolvers, (ctx) => (ctx as Record<symbol, ReadCollector | undefined>)[READ_COLLECTOR]) as SubgraphResolvers,
      rules: def.rules,
      entityRoles: def.entityRoles,
      verifyToken: withScopeClaims(
        await createTokenVerifier(config.JWT_PUBLIC_KEY, {
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          maxLifetimePerson: config.TOKEN_MAX_LIFETIME_PERSON,
          maxLifetimePartner: config.TOKEN_MAX_LIFETIME_PARTNER,
          clockSkew: config.TOKEN_CLOCK_SKEW,
        }),
      ),
      limits: { maxDepth: config.MAX_DEPTH, maxAliases: config.MAX_ALIASES, maxCost: config.MAX_COST, maxTokens: config.MAX_TOKENS, maxPageSize: MAX_PAGE_SIZE },
      fieldSuggestions: fieldSuggestions(config, env),
      metricsToken: config.METRICS_TOKEN,
      routes: def.routes?.(deps),
      log,
      metrics,
      context: requestContext,
      idempotency: idempotencyStore(database.prisma, schema),
      readiness: async () => {
        await database.prisma.$queryRawUnsafe("SELECT 1");
        await brokerReachable(kafka);
      },
    });
    cleanup.push(() => server.stop());
    const http = await listen(app, config.PORT, config.HOST);
    cleanup.push(() => http.close());
    log.info({ url: http.url }, `${def.name} subgraph listening`);
    // /metrics off the public port: its own listener (PORT + 5000 by default; see metricsShape).
    const mPort = metricsPort(config);
    let metricsUrl: string | null = null;
    if (mPort !== null) {
      const m = await listen(metricsApp(metrics, log), mPort, config.METRICS_HOST ?? config.HOST);
      cleanup.push(() => m.close());
      metricsUrl = m.url.replace(/\/graphql$/, "/metrics");
    }

    let stopping: Promise<void> | null = null;
    return { url: http.url, metricsUrl, deps, relay, stop: () => (stopping ??= stopAll()) };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

async function brokerReachable(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** For a service's `main`: start, and stop cleanly on SIGTERM/SIGINT. */
export function runMain<Client>(start: () => Promise<RunningService<Client>>): void {
  start().then(
    (service) => {
      const shutdown = () => {
        service.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    },
    (e: Error) => {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    },
  );
}
