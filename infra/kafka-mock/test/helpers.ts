import { Kafka, logLevel, Partitioners, type Consumer, type KafkaMessage } from 'kafkajs';
import { mockKafkaClientSettings, mockConsumerSettings, type MockKafkaCluster } from '../src';

export function kafkaFor(cluster: MockKafkaCluster, clientId = 'kafka-mock-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: cluster.bootstrapServers.split(','),
    // Connection errors during the fault test are expected; kafkajs would log each retry.
    logLevel: logLevel.NOTHING,
    ...mockKafkaClientSettings,
  });
}

export const partitioner = { createPartitioner: Partitioners.DefaultPartitioner };

export function consumerFor(kafka: Kafka, cluster: MockKafkaCluster, groupId: string): Consumer {
  return kafka.consumer({ groupId, ...mockConsumerSettings(cluster.capabilities) });
}

export interface Received {
  topic: string;
  partition: number;
  key: string;
  value: string;
  offset: string;
}

export function record(topic: string, partition: number, message: KafkaMessage): Received {
  return {
    topic,
    partition,
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    offset: message.offset,
  };
}

/** Polls until the predicate holds; fails the test with `what` after `timeoutMs`. */
export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/**
 * Every kafkajs client a test opens, so afterAll can disconnect them even when an assertion failed
 * midway; a client left connected keeps retrying against the stopped cluster and jest never exits.
 */
export class Clients {
  private readonly open: { disconnect(): Promise<void> }[] = [];

  add<T extends { disconnect(): Promise<void> }>(client: T): T {
    this.open.push(client);
    return client;
  }

  async disconnectAll(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((client) => client.disconnect()));
  }
}
