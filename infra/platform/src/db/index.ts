export { openDatabase, type Database, type DatabaseClientFactory, type OpenDatabaseOptions, type PrismaClientLike } from './client';
export { applyMigrations, MigrationError, PRISMA_ADVISORY_LOCK_KEY, type ApplyOptions, type ApplyResult } from './migrations-apply';
export { migrationDrift } from './migrations-drift';
export { createTestDatabase, type TestDatabase } from './testing';
export { generateMigration, migrationTimestamp, servicePaths } from './migrations-generate';
export { pgliteAdapterFactory } from './pglite-adapter';
export { assertSchemaName, pgliteRunner, pgRunner, type SqlRunner } from './runner';
export { applyTenantIsolation, APP_ROLE, SET_TENANT_SQL, TENANT_SETTING, type TenantIsolationResult } from './tenant-isolation';
export { tenantScopedClient, tenantOf } from './tenant-client';
