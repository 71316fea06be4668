/**
 * Prisma's schema engine compiled to WASM (`@prisma/schema-engine-wasm`), driven by an in-memory
 * PGlite. This replaces the native `schema-engine` binary that `prisma migrate` wants and that
 * cannot be downloaded here.
 *
 * Loading: the package is ESM-only and its entry does `import * as wasm from "./x.wasm"`, which
 * Node cannot import and which jest (CommonJS, no transform of node_modules) cannot load either.
 * `schema_engine_bg.js` itself is a plain module of `export function` / `export class`
 * declarations with no imports, so we evaluate its text in the current realm with the `export`
 * keywords stripped (same realm matters: the glue does `instanceof Promise/Uint8Array` on values
 * the adapter hands it), then instantiate the .wasm with that object as its import module,
 * `__wbg_set_wasm` + `__wbindgen_start`, exactly what the package's own entry would do.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
// Types only (erased); the runtime is loaded by hand below.
import type { SchemaEngine, MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };
import { freshPGlite, pgliteAdapterFactory } from './pglite-adapter';
import { PLATFORM_TABLES } from './platform-tables';

export type { SchemaEngine, MigrationList };

interface EngineModule {
  SchemaEngine: typeof SchemaEngine;
  __wbg_set_wasm(exports: Record<string, unknown>): void;
}

/** The slice of the WebAssembly JS API we use (lib.dom is not in this package's tsconfig). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let modulePromise: Promise<EngineModule> | undefined;

function packageDir(): string {
  // `exports` exposes "./schema_engine_bg" → resolve it and take its folder.
  return path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
}

async function loadModule(): Promise<EngineModule> {
  const dir = packageDir();
  const source = readFileSync(path.join(dir, 'schema_engine_bg.js'), 'utf8');
  const names: string[] = [];
  const body = source.replace(/^export (function|class) ([A-Za-z0-9_$]+)/gm, (_m, kind: string, name: string) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  // Guard against a future version of the glue that uses other module syntax.
  if (/^\s*(export|import)\b/m.test(body)) {
    throw new Error('@prisma/schema-engine-wasm: unexpected module syntax in schema_engine_bg.js; update schema-engine.ts');
  }
  // Evaluating a pinned dependency's glue code (see header), not user input.
  const glue = new Function(`${body}\nreturn { ${names.join(', ')} };`)() as EngineModule & Record<string, unknown>;
  const { instance } = await wasmApi.instantiate(readFileSync(path.join(dir, 'schema_engine_bg.wasm')), {
    './schema_engine_bg.js': glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

class SchemaEnginePanic extends Error {}

function installPanicRegistry(): void {
  // The glue reports Rust panics through this global; Prisma's client runtime installs its own
  // (which throws PrismaClientRustPanicError) — both just need to throw.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      throw new SchemaEnginePanic(`schema engine panicked: ${message}`);
    },
  };
}

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Runs `fn` with a schema engine whose "main database" is a throw-away in-memory PGlite
 * (the engine connects even for a diff from migrations; shadow databases are fresh PGlites too).
 * Pass `factory` to drive another database instead (e.g. for diagnoseMigrationHistory in tests).
 */
export async function withSchemaEngine<T>(
  schemaPath: string,
  fn: (engine: SchemaEngine) => Promise<T>,
  factory?: SqlMigrationAwareDriverAdapterFactory,
): Promise<T> {
  installPanicRegistry();
  modulePromise ??= loadModule();
  const mod = await modulePromise.catch((error: unknown) => {
    modulePromise = undefined;
    throw error;
  });
  let main: PGlite | undefined;
  if (!factory) {
    main = await freshPGlite();
    factory = pgliteAdapterFactory(main);
  }
  try {
    const logs: string[] = [];
    const engine = await mod.SchemaEngine.new(
      { datamodels: [[schemaPath, readFileSync(schemaPath, 'utf8')]] },
      (log: string) => {
        logs.push(log);
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await fn(engine);
    } catch (error) {
      throw withEngineMessage(error);
    } finally {
      engine.free();
    }
  } finally {
    if (main && !main.closed) await main.close();
  }
}

/** Engine errors arrive as objects with a `message` (sometimes JSON); make them real Errors. */
function withEngineMessage(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return new Error(String((error as { message: unknown }).message));
  }
  return new Error(String(error));
}

/** Reads prisma/migrations into the engine's MigrationList shape (folders sorted by name). */
export function readMigrationList(migrationsDir: string): MigrationList {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir)
        .filter((name) => statSync(path.join(migrationsDir, name)).isDirectory())
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file) ? { tag: 'ok', value: readFileSync(file, 'utf8') } : { tag: 'error', value: `${file} is missing` },
        },
      };
    }),
  };
}

/** SQL that takes the database produced by `migrationsDir` to the state described by `schemaPath`. */
export async function diffMigrationsToSchema(schemaPath: string, migrationsDir: string): Promise<string> {
  const list = readMigrationList(migrationsDir);
  return withSchemaEngine(schemaPath, async (engine) => {
    const result = await engine.diff({
      from: list.migrationDirectories.length > 0 ? { tag: 'migrations', ...list } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
      script: true,
      exitCode: null,
      // The platform's tables come from its own migrations (platform-tables.ts): not the service's to create or drop.
      filters: { externalTables: PLATFORM_TABLES.map((t) => `public.${t}`), externalEnums: [] },
    });
    return result.stdout ?? '';
  });
}

/** The engine prints this comment for an empty script. */
export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/--.*$/gm, '').trim() === '';
}
