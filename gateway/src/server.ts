import { Supergraph } from "@apollo/federation-internals";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import {
  AuthenticationError,
  bearerToken,
  callerErrorStatus,
  createLogger,
  createMetrics,
  createTokenVerifier,
  fieldSuggestions,
  finishApp,
  formatLimitError,
  graphqlBody,
  Identity,
  inputErrorDetails,
  IDEMPOTENCY_HEADER,
  inputChecks,
  listen,
  Logger,
  metricsApp,
  metricsPort,
  metricsRoute,
  noSchemaDetailsForPartners,
  PARTNERS,
  PartnerName,
  queryLimitRules,
  REQUEST_ID_HEADER,
  requestIdFrom,
  sendError,
  withoutSuggestions,
  withScopeClaims,
} from "@caregraph/platform";
import express, { NextFunction, Request, Response } from "express";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { Redis } from "ioredis";
import { readFileSync } from "node:fs";
import { SUPERGRAPH_FILE } from "./compose";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { completeAnswers } from "./complete-answers";
import { ForwardingDataSource } from "./data-source";
import { DOCUMENT_PATH, forwardDocuments } from "./documents";
import { explorer } from "./explorer";
import { partnerDoor } from "./persisted/partner-door";
import { partnerOperations } from "./persisted/partner-operations";
import { rateLimiter } from "./rate-limit";
import { studio } from "./studio";
import { MAX_PAGE_SIZE, subgraphUrl, SUBGRAPHS } from "./subgraphs";

type AuthedRequest = Request & { identity?: Identity; token?: string; requestId?: string };

/**
 * The one endpoint practitioners' clients call. Authentication happens here, before any GraphQL
 * is parsed: no valid token, no query plan. Subgraph URLs come from the environment, the schema
 * from the committed supergraph (schema/supergraph.graphql).
 */
export async function startGateway(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env) {
  const log = createLogger("gateway", config.LOG_LEVEL);
  const metrics = createMetrics("gateway");
  // Scope claims too: a partner agency's token names its agency (`partner`), which picks its operations and its rate limit.
  const verify = withScopeClaims(
    await createTokenVerifier(config.JWT_PUBLIC_KEY, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      maxLifetimePerson: config.TOKEN_MAX_LIFETIME_PERSON,
      maxLifetimePartner: config.TOKEN_MAX_LIFETIME_PARTNER,
      clockSkew: config.TOKEN_CLOCK_SKEW,
    }),
  );
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true }) : null;
  await redis?.connect();
  const limit = redis ? rateLimiter(redis, config.RATE_LIMIT_PER_MINUTE) : null;

  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, "utf8");
  // Partner agencies' operations, checked against the schema this gateway serves before it listens.
  const operations = partnerOperations(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
  log.info({ operations: operations.counts() }, "partner agencies' persisted operations loaded");
  const usage = studio(config);

  const gateway = new ApolloGateway({
    // The committed supergraph, never Apollo Uplink: with APOLLO_KEY set the gateway says a local
    // configuration overrides managed federation, which is the intent (gateway/STUDIO.md).
    supergraphSdl,
    logger: log,
    buildService: ({ name }) => new ForwardingDataSource({ url: subgraphUrl(name, env) }),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    ...(usage.apollo ? { apollo: usage.apollo } : {}),
    // One implementation of the limits, shared with every subgraph (platform graphql/limits.ts):
    // tokens while parsing, depth/aliases/directives/cost as validation rules.
    validationRules: queryLimitRules({
      maxDepth: config.MAX_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxCost: config.MAX_COST,
      maxTokens: config.MAX_TOKENS,
      maxPageSize: MAX_PAGE_SIZE,
    }),
    parseOptions: { maxTokens: config.MAX_TOKENS },
    hideSchemaDetailsFromClientErrors: !fieldSuggestions(config, env),
    formatError: gatewayErrors(log, fieldSuggestions(config, env)),
    plugins: [
      inputChecks<GatewayContext>(),
      callerErrorStatus<GatewayContext>(),
      completeAnswers(),
      noSchemaDetailsForPartners<GatewayContext>(),
      usage.plugin,
      // Apollo's production landing page names its version (@apollo/server@x.y.z): none in
      // production, where a GET without a query is answered as any other bad request, in JSON.
      config.SANDBOX ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
    // Introspection, like every operation, only for a verified caller (authenticate below).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    logger: log,
  });
  await server.start();

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", service: "gateway" });
  });
  app.get("/readyz", async (_req, res) => {
    const checks = await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const url = subgraphUrl(name, env).replace(/\/graphql$/, "/readyz");
        const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
        return [name, ok] as const;
      }),
    );
    const ready = checks.every(([, ok]) => ok) && (!redis || redis.status === "ready");
    // Readiness as booleans only: no subgraph address, no raw error text.
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", subgraphs: Object.fromEntries(checks) });
  });
  // /metrics on this port only with METRICS_TOKEN (404 otherwise); Prometheus scrapes METRICS_PORT.
  app.get("/metrics", metricsRoute(metrics, config.METRICS_TOKEN));

  const authenticate = async (req: AuthedRequest, res: Response, next: NextFunction) => {
    req.requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, req.requestId);
    // The development sandbox (SANDBOX=true) — a browser's GET of /graphql with no query string at
    // all — needs no token. Anything else (a query, an APQ `extensions` hash, any POST) is an
    // operation, and every operation does: no introspection, no persisted query, nothing runs
    // without a verified token. In production there is no landing page, so no exception at all.
    if (config.SANDBOX && req.method === "GET" && Object.keys(req.query).length === 0 && req.accepts("text/html")) return next();
    const end = metrics.httpDuration.startTimer({ method: req.method, route: "/graphql" });
    res.on("finish", () => end({ status: String(res.statusCode) }));
    const token = bearerToken(req.headers.authorization);
    try {
      if (!token) throw new AuthenticationError("send an access token as 'Authorization: Bearer <token>'");
      req.identity = await verify(token);
      req.token = token;
    } catch (e) {
      const error = e instanceof AuthenticationError ? e : new AuthenticationError("invalid token");
      res.setHeader("WWW-Authenticate", "Bearer");
      return sendError(res, 401, "UNAUTHENTICATED", error.message);
    }
    if (limit) {
      // A partner agency has one limit of its own (per local authority), however many tokens it holds.
      const partner = req.identity.partner as PartnerName | undefined;
      const { allowed, remaining, resetSeconds } = partner
        ? await limit(`partner:${req.identity.tenant}:${partner}`, undefined, config.PARTNER_RATE_LIMIT_PER_MINUTE ?? PARTNERS[partner].requestsPerMinute)
        : await limit(`${req.identity.tenant}:${req.identity.userId}`);
      res.setHeader("RateLimit-Remaining", String(remaining));
      if (!allowed) {
        res.setHeader("Retry-After", String(resetSeconds));
        return sendError(res, 429, "RATE_LIMITED", "Too many requests: try again shortly");
      }
    }
    next();
  };

  // Signed document URLs, to the children subgraph (no access token: the URL is the credential; ./documents.ts).
  app.all(DOCUMENT_PATH, forwardDocuments(subgraphUrl("children", env), log));

  // Exactly /graphql (app.all, not app.use: /graphql/anything is an unknown path, 404).
  const explorerPages = config.EXPLORER ? explorer() : null;
  if (explorerPages) app.use("/explorer", explorerPages);
  else if (config.EXPLORER) log.warn("the explorer's bundle is missing (gateway/dist/explorer): run npm run build");

  app.all(
    "/graphql",
    authenticate,
    ...graphqlBody(),
    // Partner agencies: only their own persisted operations, by id, or nothing (persisted/partner-door.ts).
    partnerDoor(operations, log, metrics.registry),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const r = req as AuthedRequest;
        return {
          token: r.token ?? "",
          identity: r.identity as Identity,
          requestId: r.requestId ?? "",
          idempotencyKey: typeof r.headers[IDEMPOTENCY_HEADER] === "string" ? r.headers[IDEMPOTENCY_HEADER] : undefined,
          log: log.child({ requestId: r.requestId, user: r.identity?.userId, tenant: r.identity?.tenant }),
        };
      },
    }),
  );

  finishApp(app, log);

  const http = await listen(app, config.PORT, config.HOST);
  log.info({ url: http.url }, "gateway listening");
  const mPort = metricsPort(config);
  const metricsHttp = mPort === null ? null : await listen(metricsApp(metrics, log), mPort, config.METRICS_HOST ?? config.HOST);
  return {
    url: http.url,
    metricsUrl: metricsHttp ? metricsHttp.url.replace(/\/graphql$/, "/metrics") : null,
    async stop() {
      await metricsHttp?.close();
      await http.close();
      await server.stop();
      redis?.disconnect();
    },
  };
}

/**
 * What a caller may see of an error: its message and code (and a limit's numbers, an input
 * error's field and rule) — never a subgraph's name, address, status or body
 * (`extensions.response`, `serviceName`), a stack, or graphql-js's "Did you mean …?". Anything
 * unexpected is logged in full and answered as "Internal server error".
 */
const INTERNAL = new Set(["response", "serviceName", "exception", "stacktrace", "http", "query", "variables", "subgraph"]);
const UNEXPECTED = new Set([undefined, "INTERNAL_SERVER_ERROR", "DOWNSTREAM_SERVICE_ERROR"]);

export function gatewayErrors(log: Logger, suggestions: boolean) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = formatLimitError(raw, error);
    const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([k]) => !INTERNAL.has(k)));
    const code = extensions.code as string | undefined;
    const leaks = /\bhttps?:\/\/|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed|socket hang up/i.test(formatted.message);
    if (UNEXPECTED.has(code) || leaks) {
      log.error({ err: error, message: formatted.message, path: formatted.path }, "unexpected error answering an operation");
      return { message: "Internal server error", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
    }
    // A variable the gateway itself refuses (an unknown enum value): name the field, as the subgraphs do.
    const details = code === "BAD_USER_INPUT" ? inputErrorDetails(formatted.message, error instanceof GraphQLError ? error.originalError : undefined) : {};
    return { ...formatted, message: suggestions ? formatted.message : withoutSuggestions(formatted.message), extensions: { ...extensions, ...details } };
  };
}
