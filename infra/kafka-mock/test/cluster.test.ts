import type { Kafka } from 'kafkajs';
import { MockKafkaCluster } from '../src';
import { Clients, consumerFor, kafkaFor, partitioner, record, waitFor, type Received } from './helpers';

const TOPIC = 'care.placement-events';

describe('MockKafkaCluster with kafkajs', () => {
  let cluster: MockKafkaCluster;
  let kafka: Kafka;
  const clients = new Clients();

  beforeAll(async () => {
    cluster = await MockKafkaCluster.start({ brokers: 3, topics: [{ name: TOPIC, partitions: 3 }] });
    kafka = kafkaFor(cluster);
  }, 180_000); // a cold first run builds librdkafka (~40-70 s)

  afterAll(async () => {
    await clients.disconnectAll();
    await cluster?.stop();
  });

  it('advertises one 127.0.0.1 listener per broker', () => {
    expect(cluster.bootstrapServers).toMatch(/^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$/);
  });

  it('delivers keyed messages to a consumer group, which resumes from its committed offset', async () => {
    const producer = clients.add(kafka.producer(partitioner));
    await producer.connect();
    const messages = Array.from({ length: 100 }, (_, i) => ({ key: `child-${i % 10}`, value: String(i) }));
    await producer.send({ topic: TOPIC, messages });

    const received: Received[] = [];
    const consume = async () => {
      const consumer = clients.add(consumerFor(kafka, cluster, 'placements-projector'));
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      // Commit each message explicitly, as an idempotent consumer would after its own transaction.
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          received.push(record(topic, partition, message));
          await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
        },
      });
      return consumer;
    };

    let consumer = await consume();
    await waitFor('100 messages', () => received.length >= 100);
    await consumer.disconnect();

    expect(received.map((m) => Number(m.value)).sort((a, b) => a - b)).toEqual(messages.map((_, i) => i));
    // Same key, same partition, in order: what per-child event ordering relies on.
    for (const key of new Set(received.map((m) => m.key))) {
      const forKey = received.filter((m) => m.key === key);
      expect(new Set(forKey.map((m) => m.partition)).size).toBe(1);
      const values = forKey.map((m) => Number(m.value));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }

    // A restarted member of the same group must not see the first 100 again (fromBeginning only
    // applies without a committed offset).
    await producer.send({ topic: TOPIC, messages: [{ key: 'child-1', value: 'after-restart' }] });
    received.length = 0;
    consumer = await consume();
    await waitFor('the message produced after the restart', () => received.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for wrongly re-delivered ones
    await consumer.disconnect();
    expect(received.map((m) => m.value)).toEqual(['after-restart']);
    await producer.disconnect();
  });

  it('supports the idempotent producer (controller id set)', async () => {
    if (!cluster.capabilities.controller) return; // Debian's 2.0.2: InitProducerId has no controller
    const producer = clients.add(kafka.producer({ ...partitioner, idempotent: true, maxInFlightRequests: 1 }));
    await producer.connect();
    const [result] = await producer.send({ topic: TOPIC, messages: [{ key: 'k', value: 'once' }] });
    expect(result?.errorCode).toBe(0);
    await producer.disconnect();
  });

  it('auto-creates unknown topics with 4 partitions, and has no CreateTopics API', async () => {
    const producer = clients.add(kafka.producer(partitioner));
    const admin = clients.add(kafka.admin());
    await Promise.all([producer.connect(), admin.connect()]);
    await producer.send({ topic: 'care.auto-created', messages: [{ value: 'x' }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['care.auto-created'] });
    expect(topics[0]?.partitions).toHaveLength(4);
    // The mock implements no admin APIs; topics come from MockKafkaCluster.createTopic instead.
    await expect(admin.createTopics({ topics: [{ topic: 'care.admin', numPartitions: 2 }] })).rejects.toThrow(
      // 2.15.1: no CreateTopics handler; 2.0.2: no controller at all.
      /does not support the requested API version|Broker 0 not found/,
    );
    cluster.createTopic('care.created', 2);
    const created = await admin.fetchTopicMetadata({ topics: ['care.created'] });
    expect(created.topics[0]?.partitions).toHaveLength(2);
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  });
});
