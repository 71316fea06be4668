/**
 * kafkajs 2.2.4 settings that suit the mock broker (in-process, 127.0.0.1, one test at a time).
 * Each differs from kafkajs' defaults, which are tuned for a real cluster; the comment says what to
 * use against Apache Kafka instead. Spread them into your own config:
 *   new Kafka({ clientId, brokers, ...mockKafkaClientSettings })
 *   kafka.consumer({ groupId, ...mockConsumerSettings(cluster.capabilities) })
 *   kafka.producer({ ...mockProducerSettings })
 * Also set KAFKAJS_NO_PARTITIONER_WARNING=1 or pass `createPartitioner: Partitioners.DefaultPartitioner`.
 */
import type { ConsumerConfig, KafkaConfig, ProducerConfig, RetryOptions } from 'kafkajs';
import type { MockCapabilities } from './cluster';

/**
 * Short, bounded retries so a test that takes a broker down sees failure or recovery in seconds.
 * Real broker: keep kafkajs' default (retries 5, initialRetryTime 300, maxRetryTime 30000).
 */
export const mockRetry: RetryOptions = { initialRetryTime: 100, maxRetryTime: 1000, retries: 8 };

export const mockKafkaClientSettings: Pick<KafkaConfig, 'connectionTimeout' | 'requestTimeout' | 'retry'> = {
  // Real broker: 1000 (default) / 3000+ over a real network.
  connectionTimeout: 1000,
  // Everything is local and in memory; a stuck request is a bug, surface it quickly.
  // Real broker: 30000 (default).
  requestTimeout: 3000,
  retry: mockRetry,
};

/**
 * Real broker: sessionTimeout 30000, rebalanceTimeout 60000, heartbeatInterval 3000,
 * maxWaitTimeInMs 5000 (all kafkajs defaults) are right; these short values only make tests fast.
 */
export function mockConsumerSettings(
  capabilities: Pick<MockCapabilities, 'noInitialRebalanceDelay'> = { noInitialRebalanceDelay: true },
): Pick<ConsumerConfig, 'sessionTimeout' | 'rebalanceTimeout' | 'heartbeatInterval' | 'maxWaitTimeInMs' | 'retry'> {
  return {
    // Must exceed the first join's delay: 0 with librdkafka 2.15.1, a fixed 3 s with Debian's 2.0.2.
    sessionTimeout: capabilities.noInitialRebalanceDelay ? 3000 : 5000,
    rebalanceTimeout: capabilities.noInitialRebalanceDelay ? 1000 : 4000,
    heartbeatInterval: 300,
    // kafkajs' disconnect() waits for the in-flight long-poll fetch: 5000 would make every
    // consumer.disconnect() take ~5 s.
    maxWaitTimeInMs: 100,
    retry: mockRetry,
  };
}

/** The constant form, for librdkafka 2.15.1 (what ensureLibrdkafka builds). */
export const mockConsumerDefaults = mockConsumerSettings();

export const mockProducerSettings: Pick<ProducerConfig, 'retry' | 'allowAutoTopicCreation'> = {
  retry: mockRetry,
  // Same as the kafkajs default, stated because the mock auto-creates unknown topics with
  // 4 partitions: pre-create topics (MockKafkaCluster topics option) to control partitioning.
  allowAutoTopicCreation: true,
};
