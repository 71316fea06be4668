import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import express, { Express, Request, RequestHandler } from "express";
import { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, isObjectType } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import type { IRules } from "graphql-shield";
import { Server } from "node:http";
import { AddressInfo } from "node:net";
import { AuthContext, hasRole, permissions, Role, TokenVerifier } from "../auth";
import { Logger, Metrics, operationLabeller, REQUEST_ID_HEADER, requestIdFrom, routeLabeller } from "../telemetry";
import { callerErrorStatus, finishApp, graphqlBody, identityOf, inputErrorDetails, requireToken, withoutSuggestions } from "./http";
import { idempotencyPlugin, IdempotencyStore } from "./idempotency";
import { inputChecks } from "./input-checks";
import { formatLimitError, MAX_PAGE_SIZE, QueryLimits, queryLimitRules } from "./limits";
import { missingRootResolvers } from "./root-resolvers";
import { noSchemaDetailsForPartners } from "./partner-limits";

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
  /** Depth, alias, cost and token limits: the gateway's (config: queryLimitsShape). */
  limits?: Partial<QueryLimits>;
  /** graphql-js's "Did you mean …?" (development only; default off). */
  fieldSuggestions?: boolean;
  /** When set, /metrics on this app answers a caller bearing this token (404 to anyone else). */
  metricsToken?: string;
  /** A service's own HTTP routes beside /graphql (e.g. children's signed document URLs); they do their own authentication. */
  routes?: RequestHandler;
}

/** The gateway's defaults (config.ts queryLimitsShape): a subgraph is never softer than the front door. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxCost: 10_000, maxTokens: 2000, maxPageSize: MAX_PAGE_SIZE };

/**
 * /metrics: only with `Authorization: Bearer <METRICS_TOKEN>` on a public port (404 otherwise, as
 * if it were not there); served freely by the separate metrics listener (metricsApp).
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): RequestHandler {
  return async (req, res, next) => {
    if (token === undefined || req.headers.authorization !== `Bearer ${token}`) return next(); // → 404
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** The metrics listener's app (METRICS_PORT): GET /metrics and nothing else, JSON errors. */
export function metricsApp(metrics: Metrics, log: Logger): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  finishApp(app, log);
  return app;
}

/**
 * One Apollo subgraph behind Express, with the same routes in every service:
 * POST /graphql, GET /healthz (alive), GET /readyz (dependencies usable), GET /metrics.
 */
export async function createSubgraphApp<Ctx extends BaseContext>(opts: SubgraphOptions<Ctx>) {
  const unresolved = missingRootResolvers(opts.typeDefs, opts.resolvers);
  if (unresolved.length) throw new Error(`${opts.name}: no resolver for ${unresolved.join(", ")}`);
  const schema = withShield(buildSubgraphSchema([{ typeDefs: opts.typeDefs, resolvers: opts.resolvers as GraphQLResolverMap<Ctx> }]), opts.rules, opts.entityRoles);
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...opts.limits };
  const suggestions = opts.fieldSuggestions ?? false;
  const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) => (t ? Object.keys(t.getFields()) : []));
  const server = new ApolloServer<Ctx>({
    schema,
    plugins: [
      observe(opts.log, opts.metrics, operationLabeller(rootFields)),
      inputChecks<Ctx>(),
      callerErrorStatus<Ctx>(),
      noSchemaDetailsForPartners<Ctx>(),
      ...(opts.idempotency ? [idempotencyPlugin(opts.idempotency)] : []),
    ],
    // The gateway's limits, here too: tokens while parsing (before any validation, so a huge
    // document is dropped in milliseconds), depth/aliases/directives/cost as validation rules.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: queryLimitRules(limits),
    hideSchemaDetailsFromClientErrors: !suggestions,
    formatError: maskUnexpected(opts.log, suggestions),
    logger: opts.log,
    // Stack traces are for our logs, never for callers (Apollo includes them outside production).
    includeStacktraceInErrorResponses: false,
    // Introspection and `_service` only for a verified caller: every /graphql request is
    // authenticated before it is parsed (requireToken below).
    introspection: true,
    // Persisted queries are the gateway's business; a subgraph runs what it is sent.
    persistedQueries: false,
    csrfPrevention: true,
  });
  await server.start();

  const app = express();
  app.disable("x-powered-by");
  const route = routeLabeller(["/graphql", "/healthz", "/readyz", "/metrics"]);
  app.use((req, res, next) => {
    const end = opts.metrics.httpDuration.startTimer({ method: ["GET", "POST"].includes(req.method) ? req.method : "other" });
    res.on("finish", () => end({ route: route(req.originalUrl.split("?")[0] ?? ""), status: String(res.statusCode) }));
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
      // The reason is for our logs: a raw driver message names hosts and users.
      opts.log.warn({ err: e }, "not ready");
      res.status(503).json({ status: "not ready", service: opts.name });
    }
  });
  app.get("/metrics", metricsRoute(opts.metrics, opts.metricsToken));
  if (opts.routes) app.use(opts.routes);
  // Exactly /graphql (app.all, not app.use: /graphql/anything is an unknown path, 404).
  app.all(
    "/graphql",
    // Who is asking, before a byte of the body is read: no verified token, 401 and nothing parsed.
    requireToken(opts.verifyToken),
    ...graphqlBody(),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        const identity = identityOf(req as Request) ?? null;
        const log = opts.log.child({ requestId, user: identity?.userId, tenant: identity?.tenant });
        return opts.context({ requestId, identity, log });
      },
    }),
  );
  finishApp(app, opts.log);
  return { app, server };
}


export async function listen(app: Express, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = await new Promise((resolve, reject) => {
    // Express 5 hands a listen error (a port in use) to this callback: say which port, and stop.
    const s = app.listen(port, host, (e?: Error) => (e ? reject(new Error(`cannot listen on ${host}:${port}: ${e.message}`)) : resolve(s)));
  });
  // A caller's pooled connection must never meet a server that has just closed it: Node closes an
  // idle keep-alive socket after 5 s, and a client (the gateway's fetch agent, a load balancer)
  // that reuses it at that instant gets "socket hang up". So the server waits longer than any
  // client keeps an idle socket (load balancers commonly 60 s), and the client always closes first.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
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
function maskUnexpected(log: Logger, suggestions: boolean) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limited = formatLimitError(raw, error);
    const formatted = suggestions ? limited : { ...limited, message: withoutSuggestions(limited.message) };
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    // A scalar refusing a literal ("2026-02-30T08:00Z" written in the query) is bad input, as it is in a variable.
    if (formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && original instanceof GraphQLError && original.extensions?.code === "BAD_USER_INPUT") {
      return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT", ...inputErrorDetails(formatted.message, original) } };
    }
    if (formatted.extensions?.code === "BAD_USER_INPUT") {
      return { ...formatted, extensions: { ...formatted.extensions, ...inputErrorDetails(formatted.message, original) } };
    }
    if (original instanceof GraphQLError || formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED") return formatted;
    if (formatted.extensions?.code && formatted.extensions.code !== "INTERNAL_SERVER_ERROR") return formatted;
    log.error({ err: original, path: formatted.path }, "unexpected error in resolver");
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

function observe(log: Logger, metrics: Metrics, label: (name: string | null | undefined) => string): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, errors }) {
          const outcome = errors?.length ? "error" : "ok";
          metrics.graphqlOperations.inc({ operation: label(operationName), outcome });
          contextValue.log.debug({ operation: operationName, outcome }, "graphql operation");
        },
      };
    },
  };
}

export type { GraphQLResolverMap };
