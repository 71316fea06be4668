/**
 * Prisma driver-adapter factory over an existing PGlite instance.
 *
 * Why not `new PrismaPGlite(db)` from pglite-prisma-adapter (0.7.2) directly:
 * - its adapter class *does* report `schemaName` from `getConnectionInfo()` (that is what the
 *   Prisma 7 query compiler uses to qualify every table, exactly like `PrismaPg(..., { schema })`),
 *   but the exported factory never passes options, so the schema is always `undefined` → `public`.
 *   We patch `getConnectionInfo` on the connected adapter so model queries go to the service's
 *   schema in embedded mode too.
 * - its `executeScript` calls `client.exec()` without awaiting it, so script errors vanish
 *   (the schema engine would believe a broken migration succeeded). We await it.
 * - its `connectToShadowDb()` creates a fresh in-memory PGlite per call and never closes it.
 *   Ours closes the shadow instance when the engine disposes the adapter.
 */
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

/** The adapter class has a (non-exported) onError that maps PGlite errors to DriverAdapterError. */
interface WithOnError {
  onError(error: unknown): never;
}

function patchAdapter(adapter: SqlDriverAdapter, db: PGlite, schema: string | undefined): SqlDriverAdapter {
  const original = adapter.getConnectionInfo?.bind(adapter);
  adapter.getConnectionInfo = () => ({
    supportsRelationJoins: true,
    ...original?.(),
    ...(schema === undefined ? {} : { schemaName: schema }),
  });
  adapter.executeScript = async (script: string): Promise<void> => {
    try {
      await db.exec(script);
    } catch (error) {
      // Re-throw in the shape Prisma expects (DriverAdapterError with a Postgres code) when possible.
      const onError = (adapter as unknown as Partial<WithOnError>).onError;
      if (typeof onError === 'function') onError.call(adapter, error);
      throw error;
    }
  };
  return adapter;
}

let emptyCluster: Promise<Blob> | undefined;

/**
 * A new empty in-memory PGlite. `PGlite.create()` runs initdb every time (≈1.5 s); restoring a
 * dump of an empty cluster taken once per process takes ≈0.4 s, and the schema engine needs one
 * or two of these per diff (main + shadow).
 */
export async function freshPGlite(): Promise<PGlite> {
  if (emptyCluster) {
    const dump = await emptyCluster.catch(() => undefined);
    if (dump) return PGlite.create({ loadDataDir: dump });
  }
  const db = await PGlite.create();
  emptyCluster ??= db.dumpDataDir('none');
  await emptyCluster.catch(() => undefined);
  return db;
}

export interface PGliteFactoryOptions {
  /** Postgres schema the Prisma client qualifies its tables with (default: public). */
  schema?: string;
}

export function pgliteAdapterFactory(db: PGlite, options: PGliteFactoryOptions = {}): SqlMigrationAwareDriverAdapterFactory {
  // The package is built against its own pinned copy of @prisma/driver-adapter-utils (7.2.0);
  // the interfaces are structurally the same, hence the single cast here.
  const inner = new PrismaPGlite(db) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    provider: 'postgres',
    adapterName: inner.adapterName,
    async connect() {
      return patchAdapter(await inner.connect(), db, options.schema);
    },
    async connectToShadowDb() {
      const shadow = await freshPGlite();
      const shadowFactory = new PrismaPGlite(shadow) as unknown as SqlMigrationAwareDriverAdapterFactory;
      const adapter = patchAdapter(await shadowFactory.connect(), shadow, undefined);
      adapter.dispose = async () => {
        if (!shadow.closed) await shadow.close();
      };
      return adapter;
    },
  };
}
