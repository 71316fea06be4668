import type { Kafka } from 'kafkajs';
import { MockKafkaCluster } from '../src';
import { Clients, consumerFor, kafkaFor, partitioner, waitFor } from './helpers';

const TOPIC = 'care.health-events';

describe('broker fault injection', () => {
  let cluster: MockKafkaCluster;
  let kafka: Kafka;
  const clients = new Clients();

  beforeAll(async () => {
    cluster = await MockKafkaCluster.start({ topics: [{ name: TOPIC, partitions: 2 }] });
    kafka = kafkaFor(cluster);
  }, 180_000);

  afterAll(async () => {
    await clients.disconnectAll();
    await cluster?.stop();
  });

  it('fails sends while the broker is down and resumes delivery once it is back up', async () => {
    const values: string[] = [];
    const consumer = clients.add(consumerFor(kafka, cluster, 'health-projector'));
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });

    // Few, short retries so the outage surfaces as an error within a couple of seconds.
    const producer = clients.add(
      kafka.producer({ ...partitioner, retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 } }),
    );
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ key: 'child-1', value: 'before' }] });
    await waitFor('"before"', () => values.includes('before'));

    cluster.setBrokerDown(1);
    await expect(producer.send({ topic: TOPIC, messages: [{ key: 'child-1', value: 'during' }] })).rejects.toThrow(
      /ECONNREFUSED|Connection/,
    );

    cluster.setBrokerUp(1);
    // The same producer and consumer objects recover: kafkajs reconnects, the consumer restarts
    // after its crash (restart=true) and rejoins the group.
    await producer.send({ topic: TOPIC, messages: [{ key: 'child-1', value: 'after' }] });
    await waitFor('"after" after the broker came back', () => values.includes('after'), 15_000);
    expect(values).not.toContain('during');

    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  });

  it('rejects unknown broker ids', () => {
    expect(() => cluster.setBrokerDown(2)).toThrow(/no broker 2/);
  });
});
