import { erasureLockKey } from "../retention";
import { mergedInto } from "../merge";
import { AUDIT_RECORDED } from "../audit/trail";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { quoteIdent, RawSql, TransactionalDb } from "../db-types";
import { SET_TENANT_SQL } from "../db/tenant-isolation";
import type { Logger, Metrics } from "../telemetry";
import { EventEnvelope, parseEnvelope } from "./envelope";
import { deadLetterTopic, Domain, eventsTopic } from "./topics";

export type EventHandler<Tx extends RawSql> = (tx: Tx, event: EventEnvelope) => Promise<void>;

export interface ConsumerOptions<Tx extends RawSql> {
  service: Domain;
  kafka: Kafka;
  /** Used to send what cannot be processed to the dead-letter topic. */
  producer: Producer;
  db: TransactionalDb<Tx>;
  schema: string;
  /** Domains whose events this service reacts to, and a handler per event type. */
  subscriptions: Domain[];
  /** Platform topics besides the domains' (e.g. caregraph.audit for the audit-trail collector). */
  topics?: string[];
  handlers: Record<string, EventHandler<Tx>>;
  log: Logger;
  metrics: Metrics;
  maxAttempts?: number;
  /** Called after a handler's transaction committed (e.g. to nudge the outbox relay). */
  afterCommit?: () => void;
  consumerSettings?: Partial<Parameters<Kafka["consumer"]>[0]>;
}

/**
 * Consumes events idempotently: the event id is recorded in `processed_event` in the same
 * transaction as the handler's effects, so a redelivered event changes nothing. A handler that
 * keeps failing is retried, then its event goes to this service's dead-letter topic and the
 * partition moves on. If even the dead-letter topic is unreachable the offset is not committed
 * and Kafka redelivers later.
 */
export class EventConsumer<Tx extends RawSql> {
  private consumer: Consumer | null = null;

  constructor(private readonly o: ConsumerOptions<Tx>) {}

  async start(): Promise<void> {
    const { kafka, service, subscriptions } = this.o;
    this.consumer = kafka.consumer({
      groupId: `caregraph.${service}`,
      sessionTimeout: 6000,
      rebalanceTimeout: 3000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 200,
      ...this.o.consumerSettings,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...subscriptions.map(eventsTopic), ...(this.o.topics ?? [])], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message, topic, partition }) => {
        await this.handle(message.value, { topic, partition, offset: message.offset });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async handle(value: Buffer | null, where: { topic: string; partition: number; offset: string }): Promise<void> {
    const { log, metrics } = this.o;
    let event: EventEnvelope;
    try {
      event = parseEnvelope(value);
    } catch (e) {
      await this.deadLetter(value, undefined, e as Error, where);
      return;
    }
    const handler = this.o.handlers[event.type];
    if (!handler) {
      metrics.eventsConsumed.inc({ type: event.type, outcome: "ignored" });
      return;
    }
    const maxAttempts = this.o.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        const processed = await this.processOnce(handler, event);
        metrics.eventsConsumed.inc({ type: event.type, outcome: processed ? "processed" : "duplicate" });
        if (processed) this.o.afterCommit?.();
        return;
      } catch (e) {
        log.warn({ err: e, eventId: event.id, type: event.type, attempt }, "event handler failed");
        if (attempt >= maxAttempts) {
          await this.deadLetter(value, event, e as Error, where);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  /** True when this call processed the event, false when it had been processed before. */
  private async processOnce(handler: EventHandler<Tx>, event: EventEnvelope): Promise<boolean> {
    const table = `${quoteIdent(this.o.schema)}.processed_event`;
    return this.o.db.$transaction(async (tx) => {
      // The event's tenant, before any row is touched: the handler runs as caregraph_app under
      // row-level security (db/tenant-isolation.ts), like a request of that tenant.
      await tx.$executeRawUnsafe(SET_TENANT_SQL, event.tenant);
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO ${table} (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
        this.o.service,
        event.id,
      );
      if (inserted === 0) return false;
      // A late event about a merged child (from another domain's topic, published before the merge)
      // is about the kept child now (merge.ts): its row lands where the merged child's rows went.
      // Audit entries stay as recorded; the merge events themselves name the merged child.
      const redirected = REDIRECTED(event.type);
      const peek = redirected ? await mergedInto(tx, this.o.schema, event.childId) : null;
      // Every child the event touches is locked at once, in one order (merge.ts lockForMerge takes
      // the same keys in the same order), so an event never deadlocks with a merge or an erasure.
      await lockChildren(tx, [event.childId, peek, ...mergeParties(event)], EXCLUSIVE.has(event.type));
      const keptAs = redirected ? await mergedInto(tx, this.o.schema, event.childId) : null;
      if (keptAs !== peek) throw new Error("the child was merged or unmerged while this event waited: processed again");
      // A late event about a child whose record was erased (retention.ts) must not bring it back.
      if (event.type !== "ChildRecordErased" && (await isErased(tx, this.o.schema, keptAs ?? event.childId))) return true;
      if (keptAs) event = { ...event, childId: keptAs };
      await handler(tx, event);
      return true;
    });
  }

  private async deadLetter(
    value: Buffer | null,
    event: EventEnvelope | undefined,
    error: Error,
    where: { topic: string; partition: number; offset: string },
  ): Promise<void> {
    this.o.log.error({ err: error, eventId: event?.id, type: event?.type, ...where }, "event dead-lettered");
    await this.o.producer.send({
      topic: deadLetterTopic(this.o.service),
      messages: [
        {
          key: event?.childId ?? null,
          value,
          headers: {
            "dead-letter-reason": error.message.slice(0, 1000),
            "original-topic": where.topic,
            "original-partition": String(where.partition),
            "original-offset": where.offset,
          },
        },
      ],
    });
    this.o.metrics.eventsConsumed.inc({ type: event?.type ?? "unparseable", outcome: "dead_lettered" });
  }
}

const REDIRECTED = (type: string) => !["ChildrenMerged", "ChildrenUnmerged", "ChildRecordErased", AUDIT_RECORDED].includes(type);

/** Whether the child's record was erased here; the caller holds the child's lock (lockChildren). */
async function isErased(tx: RawSql, schema: string, childId: string): Promise<boolean> {
  if (!UUID_TEXT.test(childId)) return false;
  const rows = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.erased_child WHERE id = $1::uuid`, childId);
  return (rows[0]?.n ?? 0) > 0;
}

const UUID_TEXT = /^[0-9a-f-]{36}$/i;

/** Events that change which child rows belong to: they hold their children's locks exclusively. */
const EXCLUSIVE = new Set(["ChildRecordErased", "ChildrenMerged", "ChildrenUnmerged"]);

/** The two children of a merge event (its key is the merged child). */
function mergeParties(event: EventEnvelope): (string | null)[] {
  if (event.type !== "ChildrenMerged" && event.type !== "ChildrenUnmerged") return [];
  const p = event.payload as { keepId?: unknown; mergeId?: unknown };
  return [typeof p.keepId === "string" ? p.keepId : null, typeof p.mergeId === "string" ? p.mergeId : null];
}

/**
 * The children's erasure locks, lower-case ids in sorted order: shared for an ordinary event
 * (events about a child run side by side), exclusive for an erasure or a merge, which wait for
 * them and which they wait for. An event either lands before the erasure or merge (and is erased
 * or moved with the rest) or sees it.
 */
async function lockChildren(tx: RawSql, ids: (string | null | undefined)[], exclusive: boolean): Promise<void> {
  const fn = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
  for (const id of [...new Set(ids.filter((i): i is string => !!i && UUID_TEXT.test(i)).map((i) => i.toLowerCase()))].sort()) {
    await tx.$queryRawUnsafe(`SELECT ${fn}(hashtext($1))::text`, erasureLockKey(id));
  }
}
