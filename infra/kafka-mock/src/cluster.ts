/**
 * A Kafka-protocol broker for tests and the embedded stack: librdkafka's built-in mock cluster,
 * listening on real TCP ports at 127.0.0.1, driven through koffi. Data lives in memory only.
 * kafkajs talks to it exactly as it talks to Apache Kafka, so there is one event code path.
 */
import { ensureLibrdkafka } from './native';
import { loadLibrdkafka, type Librdkafka } from './librdkafka';

export interface TopicSpec {
  name: string;
  partitions: number;
}

export interface MockKafkaClusterOptions {
  /** Broker ids are 1..brokers. Default 1. */
  brokers?: number;
  /** Created before start() resolves. Unknown topics are auto-created with 4 partitions. */
  topics?: TopicSpec[];
  /** librdkafka syslog level for the mock's own logging (stderr). Default 3 (errors only). */
  logLevel?: number;
}

/** What the loaded librdkafka could do; Debian's 2.0.2 lacks both. */
export interface MockCapabilities {
  /** Controller id 1 is advertised: kafkajs admin.createTopics and the idempotent producer work. */
  controller: boolean;
  /** Consumer-group joins complete at once instead of after the mock's default 3 s delay. */
  noInitialRebalanceDelay: boolean;
}

const RD_KAFKA_PRODUCER = 0;
const RD_KAFKAP_LEAVE_GROUP = 13;

export class MockKafkaCluster {
  readonly bootstrapServers: string;
  readonly brokerCount: number;
  readonly librdkafkaVersion: string;
  readonly capabilities: MockCapabilities;
  private stopped = false;

  private constructor(
    private readonly lib: Librdkafka,
    private readonly rk: unknown,
    private readonly mc: unknown,
    brokers: number,
    capabilities: MockCapabilities,
  ) {
    this.brokerCount = brokers;
    this.capabilities = capabilities;
    this.librdkafkaVersion = lib.versionString;
    this.bootstrapServers = lib.mock_cluster_bootstraps(mc);
  }

  static async start(opts: MockKafkaClusterOptions = {}): Promise<MockKafkaCluster> {
    const brokers = opts.brokers ?? 1;
    if (!Number.isInteger(brokers) || brokers < 1) throw new Error(`brokers must be >= 1, got ${brokers}`);
    const lib = loadLibrdkafka((await ensureLibrdkafka()).path);

    // The mock cluster must hang off an rd_kafka_t; a producer handle with no bootstrap servers
    // does nothing else. rd_kafka_new takes ownership of conf.
    const errstr = Buffer.alloc(512);
    const conf = lib.conf_new();
    const settings: [string, string][] = [['log_level', String(opts.logLevel ?? 3)]];
    // e.g. KAFKA_MOCK_DEBUG=mock to see the mock's group state machine and connections on stderr.
    if (process.env.KAFKA_MOCK_DEBUG) settings.push(['debug', process.env.KAFKA_MOCK_DEBUG], ['log_level', '7']);
    for (const [name, value] of settings) {
      if (lib.conf_set(conf, name, value, errstr, errstr.length) !== 0) {
        throw new Error(`rd_kafka_conf_set ${name}: ${cString(errstr)}`);
      }
    }
    const rk = lib.new_(RD_KAFKA_PRODUCER, conf, errstr, errstr.length);
    if (!rk) throw new Error(`rd_kafka_new: ${cString(errstr)}`);
    const mc = lib.mock_cluster_new(rk, brokers);
    if (!mc) {
      lib.destroy(rk);
      throw new Error('rd_kafka_mock_cluster_new failed (see librdkafka log on stderr)');
    }

    // Without a controller the mock answers Metadata with controller id -1, and kafkajs then
    // cannot send CreateTopics or InitProducerId (idempotent producer). Only 2.15.1 has the setter.
    lib.mock_set_controller_id?.(mc, 1);
    // The mock, like Kafka's group.initial.rebalance.delay.ms, holds the first join for 3 s.
    lib.mock_group_initial_rebalance_delay_ms?.(mc, 0);
    // The mock advertises LeaveGroup up to v4 but decodes every version as v0-2 (one member id).
    // kafkajs sends v3 (a batch of members), so its leave was silently ignored and a restarted
    // consumer waited for the old member's session to expire (~2 x sessionTimeout).
    lib.mock_set_apiversion?.(mc, RD_KAFKAP_LEAVE_GROUP, 0, 2);
    const cluster = new MockKafkaCluster(lib, rk, mc, brokers, {
      controller: lib.mock_set_controller_id !== undefined,
      noInitialRebalanceDelay: lib.mock_group_initial_rebalance_delay_ms !== undefined,
    });
    try {
      for (const topic of opts.topics ?? []) cluster.createTopic(topic.name, topic.partitions);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  /** Replication factor follows the mock's default (up to 3), so a downed broker behaves realistically. */
  createTopic(name: string, partitions: number): void {
    this.assertRunning();
    const err = this.lib.mock_topic_create(this.mc, name, partitions, Math.min(3, this.brokerCount));
    if (err !== 0) throw new Error(`create topic ${name}: ${this.lib.err2str(err)}`);
  }

  /**
   * Fault injection: closes the broker's client connections and refuses new ones (ECONNREFUSED).
   * Leadership does not move, so with one broker every partition is unavailable until setBrokerUp.
   */
  setBrokerDown(brokerId: number): void {
    this.brokerCmd(this.lib.mock_broker_set_down, brokerId, 'down');
  }

  /** Listens on the same port again; kafkajs producers and (restarted) consumers reconnect by themselves. */
  setBrokerUp(brokerId: number): void {
    this.brokerCmd(this.lib.mock_broker_set_up, brokerId, 'up');
  }

  /** Idempotent. Closes every client connection; clients see the broker disappear. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.lib.mock_cluster_destroy(this.mc);
    this.lib.destroy(this.rk);
  }

  private brokerCmd(fn: (mc: unknown, id: number) => number, brokerId: number, what: string): void {
    this.assertRunning();
    if (!Number.isInteger(brokerId) || brokerId < 1 || brokerId > this.brokerCount) {
      throw new Error(`no broker ${brokerId}: broker ids are 1..${this.brokerCount}`);
    }
    const err = fn(this.mc, brokerId);
    if (err !== 0) throw new Error(`set broker ${brokerId} ${what}: ${this.lib.err2str(err)}`);
  }

  private assertRunning(): void {
    if (this.stopped) throw new Error('MockKafkaCluster is stopped');
  }
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.toString('utf8', 0, end === -1 ? buf.length : end);
}
