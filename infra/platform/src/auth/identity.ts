/**
 * Who is asking, as proven by a verified access token. Every request context carries one, and
 * every row and event is scoped by its tenant.
 */
// The full role matrix comes with access control; these are the roles the statutory pathways need now:
// the allocated social worker, the team manager (escalations, corrections), the IRO (reviews).
export const ROLES = ["SOCIAL_WORKER", "TEAM_MANAGER", "IRO"] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  userId: string;
  roles: Role[];
  /** The local authority, as its long ONS code (e.g. E09000027); the tenant of every record. */
  tenant: string;
}

/** ONS codes for English and Welsh local authorities with children's services (E06/E08/E09/E10, W06). */
export const TENANT_CODE = /^(E0[6-9]|E10|W06)\d{6}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
