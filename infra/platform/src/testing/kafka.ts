import { Kafka, logLevel } from "kafkajs";
import type { EventEnvelope } from "../events/envelope";

/** A kafkajs client for tests, quiet, with settings the mock broker likes. */
export function testKafka(brokers: string): Kafka {
  return new Kafka({ clientId: "test", brokers: brokers.split(","), logLevel: logLevel.NOTHING });
}

/** Publishes envelopes as a domain would (keyed by child id). */
export async function publish(kafka: Kafka, topic: string, events: EventEnvelope[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: events.map((e) => ({ key: e.childId, value: JSON.stringify(e) })) });
  await producer.disconnect();
}

/** Collects every message on the topics from the beginning, until stopped. */
export async function collect(kafka: Kafka, topics: string[]) {
  const messages: { topic: string; key: string | null; value: string; headers: Record<string, string> }[] = [];
  const consumer = kafka.consumer({
    groupId: `test-${Math.random().toString(36).slice(2)}`,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      messages.push({
        topic,
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? "",
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
      });
    },
  });
  return {
    messages,
    events: () => messages.map((m) => JSON.parse(m.value) as EventEnvelope),
    stop: () => consumer.disconnect(),
  };
}
