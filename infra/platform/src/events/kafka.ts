import { Kafka, KafkaConfig, logLevel } from "kafkajs";
import type { Logger } from "../telemetry";

/** kafkajs with its log lines routed into the service's JSON log. */
export function createKafka(clientId: string, brokers: string[], log: Logger, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        const child = log.child({ component: "kafkajs" });
        if (level <= logLevel.ERROR) child.error(rest, message);
        else if (level === logLevel.WARN) child.warn(rest, message);
        else child.debug(rest, message);
      },
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
    connectionTimeout: 3000,
    ...extra,
  });
}

/** Creates topics where the broker allows it; brokers that refuse (or have them) are fine. */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number, log: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
    }
  } catch (e) {
    log.warn({ err: e }, "could not create topics; relying on the broker to have or auto-create them");
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
