import type { Producer } from "kafkajs";
import { quoteIdent, RawSql } from "../db-types";
import type { Logger, Metrics } from "../telemetry";

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published. A row is
 * marked only after the broker acknowledged it, so a broker outage delays events but never loses
 * them; a crash between send and mark re-sends, which idempotent consumers absorb
 * (at-least-once). No database lock is held while waiting on the broker.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private failures = 0;

  constructor(
    private readonly db: RawSql,
    private readonly schema: string,
    private readonly producer: Producer,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly options = { batchSize: 100, idleMs: 250, maxBackoffMs: 5000 },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a transaction wrote events, so they go out now rather than at the next poll. */
  nudge = (): void => {
    this.wake?.();
  };

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Unpublished rows (for readiness and tests). */
  async backlog(): Promise<number> {
    const rows = await this.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${quoteIdent(this.schema)}.outbox_event WHERE published_at IS NULL`,
    );
    return rows[0]?.n ?? 0;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishBatch();
        this.failures = 0;
      } catch (e) {
        this.failures++;
        this.log.warn({ err: e, failures: this.failures }, "outbox relay could not publish; will retry");
      }
      if (published === this.options.batchSize) continue;
      const delay = this.failures
        ? Math.min(this.options.maxBackoffMs, 100 * 2 ** this.failures)
        : this.options.idleMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async publishBatch(): Promise<number> {
    const s = quoteIdent(this.schema);
    const rows = await this.db.$queryRawUnsafe<{ id: string; topic: string; key: string; type: string; envelope: unknown }[]>(
      `SELECT id::text, topic, key, type, envelope FROM ${s}.outbox_event
        WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      this.options.batchSize,
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    try {
      const byTopic = new Map<string, typeof rows>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await this.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, msgs]) => ({
          topic,
          messages: msgs.map((r) => ({
            key: r.key,
            value: typeof r.envelope === "string" ? r.envelope : JSON.stringify(r.envelope),
            headers: { "event-type": r.type, "event-id": r.id },
          })),
        })),
      });
    } catch (e) {
      await this.db.$executeRawUnsafe(
        `UPDATE ${s}.outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = ANY(string_to_array($1, ',')::uuid[])`,
        ids.join(","),
        String((e as Error).message).slice(0, 1000),
      );
      throw e;
    }
    await this.db.$executeRawUnsafe(
      `UPDATE ${s}.outbox_event SET published_at = now() WHERE id = ANY(string_to_array($1, ',')::uuid[])`,
      ids.join(","),
    );
    for (const r of rows) this.metrics.eventsPublished.inc({ type: r.type });
    return rows.length;
  }
}
