import pino, { Logger } from "pino";

export type { Logger };

/** JSON logs, one line per event, with the service name on every line. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
