import path from 'node:path';

/**
 * Tables the platform writes in every service's schema (with raw SQL: services never touch
 * them). Their DDL lives once, in infra/platform/prisma/migrations; a service's schema.prisma
 * leaves them out, and its migration diffs treat them as external.
 */
export const PLATFORM_TABLES = ['known_child', 'known_child_share', 'outbox_event', 'processed_event', 'audit_entry', 'audit_trail', 'idempotent_request', 'erased_child', 'child_merge', 'merged_row'] as const;

// From dist/db or src/db alike.
export const PLATFORM_MIGRATIONS = path.join(__dirname, '..', '..', 'prisma', 'migrations');
