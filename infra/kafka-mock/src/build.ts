/**
 * `npm run prepare-native` (node dist/build.js): build or locate librdkafka up front, so CI pays the
 * ~40 s once before tests rather than inside the first test's timeout.
 */
import { ensureLibrdkafka } from './native';
import { loadLibrdkafka } from './librdkafka';

ensureLibrdkafka()
  .then(({ path, source }) => {
    const lib = loadLibrdkafka(path); // proves the file actually loads
    process.stdout.write(`librdkafka ${lib.versionString} (${source}): ${path}\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`[kafka-mock] ${(err as Error).message}\n`);
    process.exit(1);
  });
