import { join } from "node:path";

/** The repository root (this file is at infra/stack/{src,dist}/paths). */
export const ROOT = join(__dirname, "..", "..", "..");
/** Local state of the embedded stack: databases, dev signing key, logs. Git-ignored. */
export const HOME = process.env.CAREGRAPH_HOME ?? join(ROOT, ".caregraph");
export const DEV_KEYS = join(HOME, "dev-keys");
export const LOGS = join(HOME, "logs");
