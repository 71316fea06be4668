import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** One Prometheus registry per process, with the metrics every CareGraph process exposes. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: "graphql_operations_total",
      help: "GraphQL operations by name and outcome",
      labelNames: ["operation", "outcome"] as const,
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: "events_published_total",
      help: "Outbox events published to Kafka",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    dbStatements: new Counter({
      name: "db_statements_total",
      help: "SQL statements sent to the service's database",
      registers: [registry],
    }),
    eventsConsumed: new Counter({
      name: "events_consumed_total",
      help: "Events consumed, by outcome (processed, duplicate, ignored, dead_lettered)",
      labelNames: ["type", "outcome"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * A Prometheus label for a caller-chosen operation name, from a bounded set: every distinct label
 * value is a new time series kept forever, so a name the caller made up must not become one.
 * Known names are the schema's root fields (an operation called "children" or "registerChild");
 * the gateway's own suffix on a subgraph call ("Name__children__0") is dropped first. Anything
 * else is "other"; no name is "anonymous".
 */
export function operationLabeller(known: Iterable<string>): (name: string | null | undefined) => string {
  const names = new Set(known);
  return (name) => {
    if (!name) return "anonymous";
    const bare = name.replace(/__[a-z0-9_-]+__\d+$/, "");
    return names.has(bare) ? bare : "other";
  };
}

/** The route label of an HTTP request: one of the app's own routes, else "other" (unknown paths are not series). */
export function routeLabeller(routes: readonly string[]): (path: string) => string {
  const known = new Set(routes);
  return (path) => (known.has(path) ? path : "other");
}
