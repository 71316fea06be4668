/**
 * Obtaining librdkafka, whose built-in mock cluster is our Kafka broker.
 *
 * Preferred: build librdkafka 2.15.1 from the C source that ships inside the npm tarball
 * `@confluentinc/kafka-javascript@1.10.1` (deps/librdkafka). The npm registry is the only source
 * reachable from dev machines and CI, and that tarball is pinned by its sha512 below.
 * Fallback: Debian's librdkafka1 (2.0.2), which lacks a few mock knobs (see cluster.ts).
 *
 * The build is lazy and idempotent: the first caller builds (~40 s on 2 cores) into the gitignored
 * `native/` folder of this package; later callers find the finished file. A lock directory keeps
 * parallel jest workers / turbo tasks from building at the same time, and the library is written
 * under a temporary name and renamed into place, so nobody ever dlopens a half-written file.
 */
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SOURCE_PACKAGE = '@confluentinc/kafka-javascript@1.10.1';
const SOURCE_INTEGRITY =
  'sha512-KVePUBn21EqCVP9mfxzEuM3SYJHHEF7X+iiC2e43QQgDSyEaksInmCGooT3w5q+cNAdkSCrK71j0ICfqoSqZLw==';
/** Bump when the source or configure flags change: a new file name forces a rebuild. */
const LIB_NAME = 'librdkafka-2.15.1.so.1';
/** The optional features need headers/libs we do not want to require; the mock needs none of them. */
const CONFIGURE_FLAGS = [
  '--disable-ssl',
  '--disable-gssapi',
  '--disable-zstd',
  '--disable-curl',
  '--disable-lz4-ext',
  '--disable-zlib',
];
/** A build takes ~40 s; a lock untouched for this long belongs to a process that died. */
const STALE_LOCK_MS = 10 * 60_000;
const SYSTEM_LIBRARY_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/local/lib'];

export interface LibrdkafkaLocation {
  path: string;
  source: 'env' | 'built' | 'system';
}

/** `native/` beside `src/` and `dist/`; overridable so CI can cache it elsewhere. */
export function nativeDir(): string {
  return process.env.KAFKA_MOCK_NATIVE_DIR ?? path.resolve(__dirname, '..', 'native');
}

function log(message: string): void {
  // stderr: server.ts promises exactly one JSON line on stdout.
  process.stderr.write(`[kafka-mock] ${message}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let pending: Promise<LibrdkafkaLocation> | undefined;

/** Path of a usable librdkafka, building it once if needed. Safe to call concurrently. */
export function ensureLibrdkafka(): Promise<LibrdkafkaLocation> {
  pending ??= locate().catch((err: unknown) => {
    pending = undefined; // let a later call retry, e.g. after `apt-get install gcc`
    throw err;
  });
  return pending;
}

async function locate(): Promise<LibrdkafkaLocation> {
  const explicit = process.env.KAFKA_MOCK_LIBRDKAFKA;
  if (explicit) return { path: explicit, source: 'env' };

  const dir = nativeDir();
  const target = path.join(dir, LIB_NAME);
  if (fs.existsSync(target)) return { path: target, source: 'built' };

  if (!hasCommand('cc') && !hasCommand('gcc')) return systemFallback('no C compiler (gcc) found');
  if (!hasCommand('make')) return systemFallback('`make` not found');

  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '.build.lock');
  for (;;) {
    if (fs.existsSync(target)) return { path: target, source: 'built' };
    if (tryLock(lock)) break;
    await sleep(500); // someone else is building; their rename makes `target` appear
  }
  try {
    if (fs.existsSync(target)) return { path: target, source: 'built' };
    // We hold the lock, so any build-* folder is the leftover of a killed build.
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith('build-')) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
    const started = Date.now();
    log(`building librdkafka 2.15.1 from ${SOURCE_PACKAGE} into ${dir} (once, ~40 s)`);
    try {
      await build(dir, target);
    } catch (err) {
      return systemFallback(`building librdkafka failed: ${(err as Error).message}`);
    }
    log(`built ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { path: target, source: 'built' };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: exactly one process wins. A lock left by a dead process is taken over. */
function tryLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let owner = NaN;
  try {
    owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // the owner has not written its pid yet, or just released the lock
  }
  const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
  if ((Number.isInteger(owner) && owner > 0 && !isAlive(owner)) || age > STALE_LOCK_MS) {
    log(`removing stale build lock (pid ${owner})`);
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function build(dir: string, target: string): Promise<void> {
  const work = fs.mkdtempSync(path.join(dir, 'build-'));
  const logFile = path.join(dir, 'build.log'); // NOT configure.*: mklove would treat it as a module
  const out = fs.openSync(logFile, 'w');
  const stdio: StdioOptions = ['ignore', out, out];
  try {
    const tgz = await fetchSourceTarball(dir);
    await run('tar', ['-xzf', tgz, '-C', work, 'package/deps/librdkafka'], { stdio });
    const src = path.join(work, 'package', 'deps', 'librdkafka');
    await run('./configure', CONFIGURE_FLAGS, { cwd: src, stdio });
    await run('make', ['-j2', '-C', 'src'], { cwd: src, stdio });
    const tmp = `${target}.tmp-${process.pid}`;
    fs.copyFileSync(path.join(src, 'src', 'librdkafka.so.1'), tmp);
    fs.renameSync(tmp, target); // atomic: readers see no file or the whole file
  } catch (err) {
    throw new Error(`${(err as Error).message} (log: ${logFile})`);
  } finally {
    fs.closeSync(out);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Async so a waiting server/jest worker keeps its event loop (timers, signals) during the build. */
function run(cmd: string, args: string[], opts: { cwd?: string; stdio: StdioOptions }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, opts);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code ?? signal}`)),
    );
  });
}

/** `npm pack` downloads through npm's own registry config and cache; we verify the pinned hash. */
async function fetchSourceTarball(dir: string): Promise<string> {
  const tgz = path.join(dir, 'confluentinc-kafka-javascript-1.10.1.tgz');
  if (!fs.existsSync(tgz) || integrityOf(tgz) !== SOURCE_INTEGRITY) {
    // Under `npm run`, npm_execpath is npm's own CLI: use it rather than whatever `npm` is on PATH.
    const npmCli = process.env.npm_execpath;
    const [cmd, pre] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
    const args = [...pre, 'pack', SOURCE_PACKAGE, '--pack-destination', dir, '--silent'];
    await run(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const actual = integrityOf(tgz);
  if (actual !== SOURCE_INTEGRITY) throw new Error(`${tgz}: integrity ${actual} != ${SOURCE_INTEGRITY}`);
  return tgz;
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

function systemFallback(reason: string): LibrdkafkaLocation {
  for (const dir of SYSTEM_LIBRARY_DIRS) {
    const candidate = path.join(dir, 'librdkafka.so.1');
    if (fs.existsSync(candidate)) {
      log(
        `${reason}; falling back to system ${candidate} (Debian librdkafka1 2.0.2: ` +
          'no admin.createTopics, no idempotent producer, ~3 s group-join delay)',
      );
      return { path: candidate, source: 'system' };
    }
  }
  throw new Error(
    `${reason}, and no system librdkafka.so.1 was found. Install gcc and make ` +
      '(`apt-get install -y gcc make`) or `apt-get install -y librdkafka1`, or set KAFKA_MOCK_LIBRDKAFKA.',
  );
}
