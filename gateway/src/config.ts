import { clockShape, ConfigError, loadConfig, metricsShape, optionalUrl, port, queryLimitsShape, tokenShape, z } from "@caregraph/platform";

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
  /** Requests per minute for EVERY partner agency, instead of each one's own (infra/platform/src/auth/partners.ts). */
  PARTNER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
  /**
   * Apollo Studio (GraphOS) usage reporting: on with both APOLLO_KEY and APOLLO_GRAPH_REF, off
   * (nothing leaves the machine) without them. APOLLO_USAGE_REPORTING_ENDPOINT sends the reports
   * elsewhere (a proxy in a locked-down network; tests). See gateway/STUDIO.md.
   */
  APOLLO_KEY: z.string().optional().transform((v) => v?.trim() || undefined),
  APOLLO_GRAPH_REF: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || /^[\w-]+@[\w-]+$/.test(v), { message: "must be <graph id>@<variant>, e.g. caregraph@production" }),
  APOLLO_USAGE_REPORTING_ENDPOINT: optionalUrl(["http", "https"]),
  /** The bundled GraphiQL at /explorer (static; every request it makes needs a token). */
  EXPLORER: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
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
  const config = loadConfig(gatewayConfigShape, env);
  // Half a Studio configuration is a mistake, not "off": say which half is missing.
  if (Boolean(config.APOLLO_KEY) !== Boolean(config.APOLLO_GRAPH_REF)) {
    const missing = config.APOLLO_KEY ? "APOLLO_GRAPH_REF" : "APOLLO_KEY";
    throw new ConfigError(`Configuration is invalid:\n  ${missing}: is required with ${missing === "APOLLO_KEY" ? "APOLLO_GRAPH_REF" : "APOLLO_KEY"} (Apollo Studio usage reporting needs both, or neither)`);
  }
  return config;
}
