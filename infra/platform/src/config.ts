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
  ...clockShape,
};

export type ServiceConfig = z.infer<z.ZodObject<typeof serviceConfigShape>>;

export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return loadConfig(serviceConfigShape, env);
}

export { z, optionalUrl, port };
