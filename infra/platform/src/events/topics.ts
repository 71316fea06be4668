/**
 * One topic per publishing domain, keyed by child id. Consumers subscribe to the domains they
 * react to and pick the event types they handle. Each consuming service has its own dead-letter
 * topic for events it could not process after retries.
 */
export const DOMAINS = [
  "children",
  "placements",
  "health",
  "safeguarding",
  "education",
  "family",
  "care-planning",
  "leaving-care",
  "uasc",
] as const;
export type Domain = (typeof DOMAINS)[number];

export const eventsTopic = (domain: Domain) => `caregraph.${domain}.events`;
export const deadLetterTopic = (consumer: Domain) => `caregraph.${consumer}.dead-letter`;

/** Every subgraph's audit entries, collected by the children domain for Query.auditTrail. */
export const AUDIT_TOPIC = "caregraph.audit";

/** Every topic the platform uses, for brokers that need topics created up front. */
export function allTopics(): string[] {
  return [...DOMAINS.flatMap((d) => [eventsTopic(d), deadLetterTopic(d)]), AUDIT_TOPIC];
}

export const TOPIC_PARTITIONS = 6;
