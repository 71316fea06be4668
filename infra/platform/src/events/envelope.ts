import { randomUUID } from "node:crypto";
import { now } from "../clock";

/**
 * Every cross-domain event travels in this envelope. `tenant` and `childId` are on every event:
 * consumers scope by the first, Kafka orders by the second (one child's events stay in order).
 */
export interface EventEnvelope<P = Record<string, unknown>> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  tenant: string;
  childId: string;
  /** The domain that published it, e.g. "placements". */
  source: string;
  payload: P;
  /** The user whose action caused it, or "system:<service>" for consequences. */
  actor: string;
  /** The event this one follows from, when a consumer publishes a consequence. */
  causationId?: string;
  requestId?: string;
}

export type NewEvent<P = Record<string, unknown>> = Pick<EventEnvelope<P>, "type" | "childId" | "payload"> & {
  version?: number;
};

export function envelope<P>(
  event: NewEvent<P>,
  at: { tenant: string; source: string; actor: string; causationId?: string; requestId?: string },
): EventEnvelope<P> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    occurredAt: now().toISOString(),
    tenant: at.tenant,
    childId: event.childId,
    source: at.source,
    payload: event.payload,
    actor: at.actor,
    ...(at.causationId ? { causationId: at.causationId } : {}),
    ...(at.requestId ? { requestId: at.requestId } : {}),
  };
}

const REQUIRED: (keyof EventEnvelope)[] = ["id", "type", "version", "occurredAt", "tenant", "childId", "source", "payload"];

/** Parses a message value; throws naming the first missing envelope field. */
export function parseEnvelope(value: Buffer | string | null): EventEnvelope {
  if (value === null) throw new Error("message has no value");
  const parsed = JSON.parse(value.toString()) as Partial<EventEnvelope>;
  for (const field of REQUIRED) {
    if (parsed[field] === undefined || parsed[field] === null) throw new Error(`event envelope has no ${field}`);
  }
  return parsed as EventEnvelope;
}
