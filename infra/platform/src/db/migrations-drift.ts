/**
 * Drift check for a service: the SQL that would still be needed to take "all committed
 * migrations" to `prisma/schema.prisma`. Empty string = in sync. Each service has a jest test
 * `expect(await migrationDrift(serviceDir)).toBe('')` named "schema.prisma and migrations agree",
 * so a model edit without `npm run migrate:new` fails CI with the missing SQL in the message.
 */
import { diffMigrationsToSchema, isEmptyMigration } from './schema-engine';
import { servicePaths } from './migrations-generate';

export async function migrationDrift(serviceDir: string): Promise<string> {
  const { schemaPath, migrationsDir } = servicePaths(serviceDir);
  const sql = await diffMigrationsToSchema(schemaPath, migrationsDir);
  return isEmptyMigration(sql) ? '' : sql.trim();
}
