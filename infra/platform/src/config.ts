import { z } from "zod";
import { clockFromEnv } from "./clock";

/**
 * Configuration comes from the environment and is validated once at start-up, so a bad value
 * stops the process with a message naming the variable rather than failing on first use.
 */
export class ConfigError extends Error {}

export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const parsed = z.object(shape).safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new ConfigError(`Configuration is invalid:\n${problems.join("\n")}`);
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
    });

/** The platform clock's variables (see clock/): validated here so a bad value stops start-up with its name. */
export const clockShape = {
  CAREGRAPH_CLOCK: z.string().optional().superRefine((value, ctx) => {
    try {
      clockFromEnv({ CAREGRAPH_CLOCK: value });
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message.replace(/^CAREGRAPH_CLOCK /, "") });
    }
  }),
  CAREGRAPH_CLOCK_SET_AT: z.string().optional(),
};

const flag = (fallback: "true" | "false") =>
  z
    .enum(["true", "false"])
    .default(fallback)
    .transform((v) => v === "true");

/** A duration in seconds, or with a unit: "90", "90s", "15m", "8h". */
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(\d+)\s*(s|m|h)?$/.exec(v.trim());
      if (!m) {
        ctx.addIssue({ code: "custom", message: 'must be a duration such as "3600", "90s", "15m" or "8h"' });
        return z.NEVER;
      }
      return Number(m[1]) * ({ s: 1, m: 60, h: 3600 } as const)[(m[2] ?? "s") as "s" | "m" | "h"];
    });

/**
 * The query limits, the same at the gateway and at every subgraph (one implementation:
 * graphql/limits.ts), so a subgraph reached directly is no softer than the front door.
 */
export const queryLimitsShape = {
  /** Deepest field nesting an operation may have (graphql-armor's count). */
  MAX_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_ALIASES: z.coerce.number().int().positive().default(30),
  /**
   * Highest query cost accepted (graphql-armor's cost model, see graphql/limits.ts). The heaviest
   * realistic page — children(first: 100) with cursor, pageInfo and the usual list fields
   * (name, date of birth, legal status code, placement type, health assessments) — costs 7831.25;
   * 10000 leaves room for a few more fields on it, while two such pages in one query (15662.5), or
   * one with every list of each child, are refused. gateway/test/limits.test.ts pins these numbers.
   */
  MAX_COST: z.coerce.number().positive().default(10_000),
  /** Most lexical tokens a query may have; parsing stops there (graphql-js maxTokens), before any validation. */
  MAX_TOKENS: z.coerce.number().int().positive().default(2000),
  /**
   * graphql-js's "Did you mean …?" suggestions describe the schema to whoever asks: "true" or
   * "false"; unset, they are on only when NODE_ENV is "development" (see fieldSuggestions).
   */
  FIELD_SUGGESTIONS: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
};

/** Field suggestions in force: FIELD_SUGGESTIONS, else on in development only. */
export const fieldSuggestions = (config: { FIELD_SUGGESTIONS?: boolean }, env: NodeJS.ProcessEnv) =>
  config.FIELD_SUGGESTIONS ?? env.NODE_ENV === "development";

/**
 * Access-token lifetimes (see auth/tokens.ts): a token must carry `exp`; `exp - iat` may not exceed
 * the cap for its holder (a PARTNER token is a partner's); clocks may disagree by the skew.
 */
export const tokenShape = {
  TOKEN_MAX_LIFETIME_PERSON: duration("8h"),
  TOKEN_MAX_LIFETIME_PARTNER: duration("1h"),
  TOKEN_CLOCK_SKEW: duration("60s"),
};

/**
 * Where Prometheus scrapes /metrics. Never the public port unauthenticated: by default a
 * separate listener on PORT + 5000 (4000 → 9000, as the k8s annotations say; PORT 0 → any free
 * port); METRICS_PORT sets it ("off" = no listener). METRICS_TOKEN, when set, also serves
 * /metrics on the public port to `Authorization: Bearer <METRICS_TOKEN>` (404 to anyone else).
 */
export const metricsShape = {
  METRICS_PORT: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "off" || (/^\d+$/.test(v) && Number(v) <= 65535), { message: 'must be a port number or "off"' })
    .transform((v) => (v === undefined ? undefined : v === "off" ? ("off" as const) : Number(v))),
  METRICS_HOST: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
};

/** The metrics port in force: METRICS_PORT, else PORT + 5000 (0 stays 0: any free port), or null when off. */
export function metricsPort(config: { PORT: number; METRICS_PORT?: number | "off" }): number | null {
  if (config.METRICS_PORT === "off") return null;
  if (config.METRICS_PORT !== undefined) return config.METRICS_PORT;
  return config.PORT === 0 ? 0 : config.PORT + 5000 <= 65535 ? config.PORT + 5000 : 0;
}

/** Variables every subgraph reads. */
export const serviceConfigShape = {
  PORT: port(0),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Real PostgreSQL; when unset the service runs on embedded PGlite under CAREGRAPH_DATA_DIR. */
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  CAREGRAPH_DATA_DIR: z.string().default(".caregraph/data"),
  KAFKA_BROKERS: z
    .string({ message: "is required: a comma-separated list of host:port (npm start runs an embedded broker)" })
    .min(1, "is required: a comma-separated list of host:port")
    .transform((v) => v.split(",").map((b) => b.trim()).filter(Boolean)),
  /** PEM (SPKI) public key that verifies access tokens; the same key the gateway uses. */
  JWT_PUBLIC_KEY: z.string({ message: "is required: the PEM public key that verifies access tokens" }).min(1),
  JWT_ISSUER: z.string().default("caregraph"),
  JWT_AUDIENCE: z.string().default("caregraph"),
  ...tokenShape,
  ...queryLimitsShape,
  ...metricsShape,
  ...clockShape,
};

export type ServiceConfig = z.infer<z.ZodObject<typeof serviceConfigShape>>;

export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return loadConfig(serviceConfigShape, env);
}

export { z, optionalUrl, port, flag, duration };
