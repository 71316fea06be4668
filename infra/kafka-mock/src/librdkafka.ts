/**
 * The few librdkafka C functions the mock cluster needs, bound with koffi (FFI; its prebuilt
 * binary ships inside the npm package, so no compiler is needed for the binding itself).
 * Signatures are copied from rdkafka.h / rdkafka_mock.h of librdkafka 2.15.1. Handles are opaque
 * pointers; we never look inside them.
 */
import type * as Koffi from 'koffi' with { 'resolution-mode': 'import' };

// koffi runs as CommonJS (its exports map has a `require` entry, index.cjs) but its typings are
// ESM-only, which TypeScript's node16 resolution refuses to `import` from a CommonJS file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const koffi = require('koffi') as typeof Koffi;

export interface Librdkafka {
  path: string;
  /** e.g. 0x020f01ff for 2.15.1 (major, minor, revision, pre-release 0xff = final). */
  version: number;
  versionString: string;
  conf_new(): unknown;
  conf_set(conf: unknown, name: string, value: string, errstr: Buffer, size: number): number;
  new_(type: number, conf: unknown, errstr: Buffer, size: number): unknown;
  destroy(rk: unknown): void;
  err2str(err: number): string;
  mock_cluster_new(rk: unknown, brokers: number): unknown;
  mock_cluster_destroy(mc: unknown): void;
  mock_cluster_bootstraps(mc: unknown): string;
  mock_topic_create(mc: unknown, topic: string, partitions: number, replicationFactor: number): number;
  mock_broker_set_down(mc: unknown, brokerId: number): number;
  mock_broker_set_up(mc: unknown, brokerId: number): number;
  /** 2.15.1 only (absent in Debian's 2.0.2): without it the mock reports controller id 0/-1. */
  mock_set_controller_id?: (mc: unknown, id: number) => void;
  /** Exists in 2.0.2 too; default is 3000 ms before the first join completes. */
  mock_group_initial_rebalance_delay_ms?: (mc: unknown, ms: number) => void;
  /** Caps the versions the mock advertises for one API key (ApiVersions response). */
  mock_set_apiversion?: (mc: unknown, apiKey: number, min: number, max: number) => number;
}

const loaded = new Map<string, Librdkafka>();

export function loadLibrdkafka(libPath: string): Librdkafka {
  const cached = loaded.get(libPath);
  if (cached) return cached;
  const lib = koffi.load(libPath);
  // Optional symbols: koffi throws when a symbol is missing, which is how we detect the version's features.
  const optional = (decl: string) => {
    try {
      return lib.func(decl);
    } catch {
      return undefined;
    }
  };
  const api: Librdkafka = {
    path: libPath,
    version: lib.func('int rd_kafka_version()')() as number,
    versionString: lib.func('const char *rd_kafka_version_str()')() as string,
    conf_new: lib.func('void *rd_kafka_conf_new()'),
    conf_set: lib.func('int rd_kafka_conf_set(void *conf, const char *name, const char *value, void *errstr, size_t size)'),
    new_: lib.func('void *rd_kafka_new(int type, void *conf, void *errstr, size_t size)'),
    destroy: lib.func('void rd_kafka_destroy(void *rk)'),
    err2str: lib.func('const char *rd_kafka_err2str(int err)'),
    mock_cluster_new: lib.func('void *rd_kafka_mock_cluster_new(void *rk, int broker_cnt)'),
    mock_cluster_destroy: lib.func('void rd_kafka_mock_cluster_destroy(void *mc)'),
    mock_cluster_bootstraps: lib.func('const char *rd_kafka_mock_cluster_bootstraps(void *mc)'),
    mock_topic_create: lib.func('int rd_kafka_mock_topic_create(void *mc, const char *topic, int partition_cnt, int replication_factor)'),
    mock_broker_set_down: lib.func('int rd_kafka_mock_broker_set_down(void *mc, int32_t broker_id)'),
    mock_broker_set_up: lib.func('int rd_kafka_mock_broker_set_up(void *mc, int32_t broker_id)'),
    mock_set_controller_id: optional('void rd_kafka_mock_set_controller_id(void *mc, int32_t controller_id)'),
    mock_group_initial_rebalance_delay_ms: optional('void rd_kafka_mock_group_initial_rebalance_delay_ms(void *mc, int32_t delay_ms)'),
    mock_set_apiversion: optional('int rd_kafka_mock_set_apiversion(void *mc, int16_t api_key, int16_t min_version, int16_t max_version)'),
  };
  loaded.set(libPath, api);
  return api;
}
