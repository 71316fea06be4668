import { clockShape, loadConfig, optionalUrl, port, z } from "@caregraph/platform";

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
  /** Deepest field nesting an operation may have (graphql-armor's count). */
  MAX_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_ALIASES: z.coerce.number().int().positive().default(30),
  /**
   * Highest query cost accepted (graphql-armor's cost model, see src/limits.ts). The heaviest
   * realistic page — children(first: 100) with cursor, pageInfo and the usual list fields
   * (name, date of birth, legal status code, placement type, health assessments) — costs 7831.25;
   * 10000 leaves room for a few more fields on it, while two such pages in one query (15662.5), or
   * one with every list of each child, are refused. test/limits.test.ts pins these numbers.
   */
  MAX_COST: z.coerce.number().positive().default(10_000),
  /** Most lexical tokens a query may have; parsing stops there (graphql-js maxTokens). */
  MAX_TOKENS: z.coerce.number().int().positive().default(2000),
  ...clockShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewayConfigShape, env);
}
