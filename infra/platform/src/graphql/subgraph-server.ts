import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import express, { Express } from "express";
import { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, isObjectType } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import type { IRules } from "graphql-shield";
import { Server } from "node:http";
import { AddressInfo } from "node:net";
import { AuthContext, bearerToken, hasRole, permissions, Role, TokenVerifier } from "../auth";
import { Logger, Metrics, REQUEST_ID_HEADER, requestIdFrom } from "../telemetry";
import { idempotencyPlugin, IdempotencyStore } from "./idempotency";
import { missingRootResolvers } from "./root-resolvers";

/** What every resolver of every subgraph can rely on. */
export interface BaseContext extends AuthContext {
  requestId: string;
  log: Logger;
}

/**
 * A subgraph's resolvers as GraphQL Code Generator types them (`Resolvers` in src/generated/):
 * checked against schema.graphql there, so here they are only a map by type name.
 */
export type SubgraphResolvers = { [typeName: string]: unknown };

export interface SubgraphOptions<Ctx extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  rules: IRules;
  /** Roles that may call `_entities` (default SOCIAL_WORKER); each entity's fields keep their own rules. */
  entityRoles?: Role[];
  verifyToken: TokenVerifier;
  log: Logger;
  metrics: Metrics;
  /** Adds the request's own things (DataLoaders, database) to the base context. */
  context: (base: BaseContext) => Ctx;
  /** Where mutations' answers are kept for the Idempotency-Key header. */
  idempotency?: IdempotencyStore;
  /** Throws when a dependency (database, broker) is not usable; backs /readyz. */
  readiness: () => Promise<void>;
}

/**
 * One Apollo subgraph behind Express, with the same routes in every service:
 * POST /graphql, GET /healthz (alive), GET /readyz (dependencies usable), GET /metrics.
 */
export async function createSubgraphApp<Ctx extends BaseContext>(opts: SubgraphOptions<Ctx>) {
  const unresolved = missingRootResolvers(opts.typeDefs, opts.resolvers);
  if (unresolved.length) throw new Error(`${opts.name}: no resolver for ${unresolved.join(", ")}`);
  const schema = withShield(buildSubgraphSchema([{ typeDefs: opts.typeDefs, resolvers: opts.resolvers as GraphQLResolverMap<Ctx> }]), opts.rules, opts.entityRoles);
  const server = new ApolloServer<Ctx>({
    schema,
    plugins: [observe(opts.log, opts.metrics), ...(opts.idempotency ? [idempotencyPlugin(opts.idempotency)] : [])],
    formatError: maskUnexpected(opts.log),
    logger: opts.log,
    // Stack traces are for our logs, never for callers (Apollo includes them outside production).
    includeStacktraceInErrorResponses: false,
    introspection: true,
  });
  await server.start();

  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const end = opts.metrics.httpDuration.startTimer({ method: req.method });
    res.on("finish", () => end({ route: req.route?.path ?? req.path, status: String(res.statusCode) }));
    next();
  });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", service: opts.name });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await opts.readiness();
      res.json({ status: "ready", service: opts.name });
    } catch (e) {
      res.status(503).json({ status: "not ready", service: opts.name, reason: (e as Error).message });
    }
  });
  app.get("/metrics", async (_req, res) => {
    res.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        const token = bearerToken(req.headers.authorization);
        const identity = token ? await opts.verifyToken(token) : null;
        const log = opts.log.child({ requestId, user: identity?.userId, tenant: identity?.tenant });
        return opts.context({ requestId, identity, log });
      },
    }),
  );
  return { app, server };
}

export async function listen(app: Express, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = await new Promise((resolve) => {
    const s = app.listen(port, host, () => resolve(s));
  });
  const address = http.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * graphql-middleware rebuilds the schema and can lose each entity's `__resolveReference`;
 * put them back so `_entities` still resolves (and still goes through the tenant-scoped loaders).
 */
function withShield(schema: GraphQLSchema, rules: IRules, entityRoles?: Role[]): GraphQLSchema {
  const shielded = applyMiddleware(schema, permissions(rules, entityRoles?.length ? hasRole(...entityRoles) : undefined));
  for (const type of Object.values(schema.getTypeMap())) {
    const resolveReference = (type as { resolveReference?: unknown }).resolveReference;
    const target = shielded.getType(type.name);
    if (resolveReference && isObjectType(target)) Object.assign(target, { resolveReference });
  }
  return shielded;
}

/** Errors we raised on purpose go to the caller; anything unexpected is logged and masked. */
function maskUnexpected(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    // A scalar refusing a literal ("2026-02-30T08:00Z" written in the query) is bad input, as it is in a variable.
    if (formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && original instanceof GraphQLError && original.extensions?.code === "BAD_USER_INPUT") {
      return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT" } };
    }
    if (original instanceof GraphQLError || formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED") return formatted;
    if (formatted.extensions?.code && formatted.extensions.code !== "INTERNAL_SERVER_ERROR") return formatted;
    log.error({ err: original, path: formatted.path }, "unexpected error in resolver");
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

function observe(log: Logger, metrics: Metrics): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, errors }) {
          const outcome = errors?.length ? "error" : "ok";
          metrics.graphqlOperations.inc({ operation: operationName ?? "anonymous", outcome });
          contextValue.log.debug({ operation: operationName, outcome }, "graphql operation");
        },
      };
    },
  };
}

export type { GraphQLResolverMap };
