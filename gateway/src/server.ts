import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import {
  AuthenticationError,
  bearerToken,
  createLogger,
  createMetrics,
  createTokenVerifier,
  Identity,
  IDEMPOTENCY_HEADER,
  listen,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from "@caregraph/platform";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import express, { NextFunction, Request, Response } from "express";
import type { GraphQLError, ValidationContext } from "graphql";
import { Redis } from "ioredis";
import { readFileSync } from "node:fs";
import { SUPERGRAPH_FILE } from "./compose";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { completeAnswers } from "./complete-answers";
import { ForwardingDataSource } from "./data-source";
import { aliasLimitError, costLimitRule, depthLimitError, directiveLimitError, formatLimitError, MAX_DIRECTIVES } from "./limits";
import { rateLimiter } from "./rate-limit";
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
  const verify = await createTokenVerifier(config.JWT_PUBLIC_KEY, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true }) : null;
  await redis?.connect();
  const limit = redis ? rateLimiter(redis, config.RATE_LIMIT_PER_MINUTE) : null;

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, "utf8"),
    buildService: ({ name }) => new ForwardingDataSource({ url: subgraphUrl(name, env) }),
  });
  // graphql-armor measures depth and aliases; the gateway reports a refusal itself (limits.ts) so
  // the message names the limit and `extensions` carry the numbers, instead of "Syntax Error: …".
  const overLimit =
    (limit: number, error: (found: number, limit: number) => GraphQLError) =>
    (ctx: ValidationContext | null, details: { n: number }) => {
      if (details.n > limit) ctx?.reportError(error(details.n, limit));
    };
  const armor = new ApolloArmor({
    maxDepth: { n: Number.MAX_SAFE_INTEGER, onAccept: [overLimit(config.MAX_DEPTH, depthLimitError)] },
    maxAliases: { n: Number.MAX_SAFE_INTEGER, onAccept: [overLimit(config.MAX_ALIASES, aliasLimitError)] },
    maxDirectives: { n: Number.MAX_SAFE_INTEGER, onAccept: [overLimit(MAX_DIRECTIVES, directiveLimitError)] },
    // Cost is computed in limits.ts (graphql-armor's model; a `first` variable counts as the largest page).
    costLimit: { enabled: false },
    // Tokens are capped by graphql-js's parser itself (parseOptions below).
    maxTokens: { enabled: false },
  }).protect();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    ...armor,
    validationRules: [...armor.validationRules, costLimitRule(config.MAX_COST, { maxPageSize: MAX_PAGE_SIZE })],
    parseOptions: { maxTokens: config.MAX_TOKENS },
    formatError: formatLimitError,
    plugins: [
      ...armor.plugins,
      completeAnswers(),
      config.SANDBOX ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageProductionDefault(),
    ],
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
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", subgraphs: Object.fromEntries(checks) });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const authenticate = async (req: AuthedRequest, res: Response, next: NextFunction) => {
    req.requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, req.requestId);
    // The landing page (a browser GET without a query) needs no token; every operation does.
    if (req.method === "GET" && !req.query.query) return next();
    const end = metrics.httpDuration.startTimer({ method: req.method, route: "/graphql" });
    res.on("finish", () => end({ status: String(res.statusCode) }));
    const token = bearerToken(req.headers.authorization);
    try {
      if (!token) throw new AuthenticationError("send an access token as 'Authorization: Bearer <token>'");
      req.identity = await verify(token);
      req.token = token;
    } catch (e) {
      const error = e instanceof AuthenticationError ? e : new AuthenticationError("invalid token");
      res.status(401).json({ errors: [{ message: error.message, extensions: { code: "UNAUTHENTICATED" } }] });
      return;
    }
    if (limit) {
      const { allowed, remaining, resetSeconds } = await limit(`${req.identity.tenant}:${req.identity.userId}`);
      res.setHeader("RateLimit-Remaining", String(remaining));
      if (!allowed) {
        res.setHeader("Retry-After", String(resetSeconds));
        res.status(429).json({ errors: [{ message: "Too many requests: try again shortly", extensions: { code: "RATE_LIMITED" } }] });
        return;
      }
    }
    next();
  };

  app.use(
    "/graphql",
    authenticate,
    express.json({ limit: "1mb" }),
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

  const http = await listen(app, config.PORT, config.HOST);
  log.info({ url: http.url }, "gateway listening");
  return {
    url: http.url,
    async stop() {
      await http.close();
      await server.stop();
      redis?.disconnect();
    },
  };
}
