import { MockKafkaCluster } from "@caregraph/kafka-mock";
import { allTopics, TOPIC_PARTITIONS } from "../events/topics";

/** librdkafka's mock broker on a real TCP port, with every CareGraph topic created. */
export async function startTestBroker(): Promise<MockKafkaCluster> {
  return MockKafkaCluster.start({ topics: allTopics().map((name) => ({ name, partitions: TOPIC_PARTITIONS })) });
}
