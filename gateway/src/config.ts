import { clockShape, loadConfig, metricsShape, optionalUrl, port, queryLimitsShape, tokenShape, z } from "@caregraph/platform";

export const gatewayConfigShape = {
  PORT: port(4000),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** PEM (SPKI) public key that verifies access tokens. There is no default: no key, no gateway. */
  JWT_PUBLIC_KEY: z.string({ message: "is required: the PEM public key that verifies access tokens" }).min(1),
  JWT_ISSUER: z.string().default("caregraph"),
  JWT_AUDIENCE: z.string().default("caregraph"),
  /** Rate limits are kept in Redis so every gateway replica shares them; unset = no rate limit. */
  REDIS_URL: optionalUrl(["redis", "rediss"]),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Apollo Sandbox on the landing page (development); production shows a plain page. */
  SANDBOX: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Depth, aliases, cost, tokens, field suggestions: the same variables, defaults and code as every subgraph. */
  ...queryLimitsShape,
  /** Token lifetime caps and clock skew (TOKEN_MAX_LIFETIME_PERSON 8h, TOKEN_MAX_LIFETIME_PARTNER 1h, TOKEN_CLOCK_SKEW 60s). */
  ...tokenShape,
  /** /metrics off the public port (METRICS_PORT, default PORT + 5000) or behind METRICS_TOKEN. */
  ...metricsShape,
  ...clockShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewayConfigShape, env);
}
