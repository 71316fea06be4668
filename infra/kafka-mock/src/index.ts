export { MockKafkaCluster } from './cluster';
export type { MockKafkaClusterOptions, MockCapabilities, TopicSpec } from './cluster';
export { ensureLibrdkafka, nativeDir } from './native';
export type { LibrdkafkaLocation } from './native';
export * from './kafkajs-settings';
