/**
 * Tenant isolation in PostgreSQL itself (row-level security), on top of the `where: { tenant }`
 * every query already carries, so a query that forgets its filter still sees only its tenant.
 *
 * - After every service's and the platform's migrations, `applyTenantIsolation` looks at every
 *   table of the schema: each table with a `tenant` column gets ENABLE + FORCE ROW LEVEL SECURITY
 *   and the policy `caregraph_tenant` (tenant = current_setting('caregraph.tenant', true)), for
 *   reads (USING) and writes (WITH CHECK). Automatic: a service adding a table with a tenant
 *   column gets its policy on the next start without writing any SQL. Idempotent.
 * - Request work runs as the role `caregraph_app` (NOLOGIN, NOSUPERUSER, NOBYPASSRLS, not the
 *   owner of any table): every transaction of a tenant-scoped client starts with ONE statement
 *   `SELECT set_config('role', 'caregraph_app', true), set_config('caregraph.tenant', $1, true)`
 *   (both SET LOCAL: they end with the transaction, so a pooled connection never carries a tenant
 *   to the next request). With no tenant set, the setting is NULL/'' and the policy matches nothing.
 * - Cross-tenant platform work runs as the login role (the migration owner): migrations, this
 *   function, the outbox relay (outbox_event / processed_event have no tenant column), the
 *   idempotency store (its SQL filters by tenant itself), readiness and `npm run audit:verify`.
 *   FORCE means the owner is subject to the policy too, so in production the login role must be a
 *   superuser or have BYPASSRLS (`ALTER ROLE caregraph_owner BYPASSRLS`), and must be a member of
 *   caregraph_app (granted here). In tests and on PGlite the login role is the superuser `postgres`.
 * - Same SQL on PGlite (embedded `npm start`): roles, policies and set_config all exist there.
 */
import { assertSchemaName, type SqlRunner } from './runner';

export const APP_ROLE = 'caregraph_app';
export const TENANT_SETTING = 'caregraph.tenant';
export const POLICY_NAME = 'caregraph_tenant';

/** The one statement each tenant-scoped transaction starts with ($1 = tenant). */
export const SET_TENANT_SQL = `SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`;

/** Tables the app role may read and append to but never change. */
const APPEND_ONLY = new Set(['audit_entry', 'audit_trail']);

export interface TenantIsolationResult {
  /** Tables that now carry the policy. */
  protectedTables: string[];
}

export async function applyTenantIsolation(runner: SqlRunner, schemaName: string): Promise<TenantIsolationResult> {
  const schema = assertSchemaName(schemaName);
  const q = `"${schema}"`;
  await ensureAppRole(runner);
  const tables = await runner.query<{ table_name: string; has_tenant: boolean }>(
    `SELECT t.table_name::text AS table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant') AS has_tenant
       FROM information_schema.tables t
      WHERE t.table_schema = $1 AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
    [schema],
  );
  const policies = new Set(
    (await runner.query<{ tablename: string }>(`SELECT tablename::text AS tablename FROM pg_policies WHERE schemaname = $1 AND policyname = $2`, [schema, POLICY_NAME])).map(
      (r) => r.tablename,
    ),
  );
  const statements: string[] = [`GRANT USAGE ON SCHEMA ${q} TO ${APP_ROLE}`, `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${q} TO ${APP_ROLE}`];
  const protectedTables: string[] = [];
  for (const { table_name: name, has_tenant } of tables) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${JSON.stringify(name)} in ${schema}`);
    const t = `${q}."${name}"`;
    if (name.startsWith('_')) {
      statements.push(`REVOKE ALL ON ${t} FROM ${APP_ROLE}`); // migration history: not for requests
      continue;
    }
    statements.push(
      APPEND_ONLY.has(name)
        ? `REVOKE UPDATE, DELETE, TRUNCATE ON ${t} FROM ${APP_ROLE}; GRANT SELECT, INSERT ON ${t} TO ${APP_ROLE}`
        : `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${APP_ROLE}`,
    );
    if (!has_tenant) continue;
    statements.push(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
    if (!policies.has(name)) {
      statements.push(
        `CREATE POLICY ${POLICY_NAME} ON ${t} USING (tenant = current_setting('${TENANT_SETTING}', true)) WITH CHECK (tenant = current_setting('${TENANT_SETTING}', true))`,
      );
    }
    protectedTables.push(name);
  }
  await runner.exec(statements.join(';\n'));
  return { protectedTables };
}

/**
 * The role is cluster-wide (every service schema and test database shares it); parallel test
 * databases may race to create it, hence the retry on a duplicate.
 */
async function ensureAppRole(runner: SqlRunner): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await runner.exec(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
    EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
  END IF;
END $$`);
      return;
    } catch (error) {
      if (attempt >= 5 || !/already exists|duplicate key|concurrently/i.test(String((error as Error).message))) throw error;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}
