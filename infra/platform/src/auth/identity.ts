import { decodeJwt, importPKCS8, SignJWT } from "jose";
import { isPartner } from "./partners";
import type { TokenSettings, TokenVerifier } from "./tokens";

/**
 * Who is asking, as proven by a verified access token. Every request context carries one, and
 * every row and event is scoped by its tenant. What each role may read and write is written down
 * once, in ./matrix.ts (rendered to infra/platform/ACCESS.md).
 */
export const ROLES = [
  "SOCIAL_WORKER",
  "TEAM_MANAGER",
  "RESIDENTIAL_STAFF",
  "FOSTERING_OFFICER",
  "PERSONAL_ADVISER",
  "UASC_COORDINATOR",
  "SAFEGUARDING_LEAD",
  "EDUCATION_COORDINATOR",
  "HEALTH_PROFESSIONAL",
  "IRO",
  "PARTNER",
  "AUDITOR",
] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  userId: string;
  roles: Role[];
  /** The local authority, as its long ONS code (e.g. E09000027); the tenant of every record. */
  tenant: string;
  /** Residential staff: the Ofsted URN of the children's home they work in (token claim `home`). */
  home?: string;
  /** A partner agency's token (role PARTNER): the agency it acts for (claim `partner`, = `sub`; see ./partners.ts). */
  partner?: string;
}

/** ONS codes for English and Welsh local authorities with children's services (E06/E08/E09/E10, W06). */
export const TENANT_CODE = /^(E0[6-9]|E10|W06)\d{6}$/;

/**
 * An Ofsted unique reference number for a children's home: "SC" and six digits (SC123456), as on
 * the Ofsted register of social care providers.
 */
export const OFSTED_URN = /^SC\d{6}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The `home` claim, if it is a well-formed Ofsted URN; anything else is no home at all. */
export function homeClaim(value: unknown): string | undefined {
  return typeof value === "string" && OFSTED_URN.test(value) ? value : undefined;
}

/**
 * The `partner` claim of a PARTNER token, if it names a known agency and the token's subject is
 * that agency (its client id); anything else names no agency (and is shown nothing).
 */
export function partnerClaim(identity: Identity, value: unknown): string | undefined {
  return identity.roles.includes("PARTNER") && isPartner(value) && identity.userId === value ? value : undefined;
}

/**
 * Adds the scope claims (`home`, `partner`) to what a verifier proved. The token has been verified
 * by then, so reading its payload again is safe; a malformed `home` is dropped (residential staff
 * without a valid home see no child at all), and so is a `partner` that is not the token's own agency.
 */
export function withScopeClaims(verify: TokenVerifier): TokenVerifier {
  return async (token) => {
    const identity = await verify(token);
    const payload = decodeJwt(token);
    const home = homeClaim(payload.home);
    const partner = partnerClaim(identity, payload.partner);
    // A partner agency is only ever a partner: any other role on its token is dropped, so a mixed
    // token can never widen a partner's scope to a practitioner's.
    const roles = identity.roles.includes("PARTNER") ? (["PARTNER"] as Role[]) : identity.roles;
    return { ...identity, roles, ...(home ? { home } : {}), ...(partner ? { partner } : {}) };
  };
}

/** Signs a token carrying every claim of an Identity, `home` and `partner` included (dev tokens and tests). */
export async function signIdentityToken(
  privateKeyPem: string,
  claims: { userId: string; roles: Role[]; tenant: string; home?: string; partner?: string },
  settings: TokenSettings & { expiresIn?: string },
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, "ES256");
  const scope = { ...(claims.home ? { home: claims.home } : {}), ...(claims.partner ? { partner: claims.partner } : {}) };
  return new SignJWT({ roles: claims.roles, tenant: claims.tenant, ...scope })
    .setProtectedHeader({ alg: "ES256" })
    .setSubject(claims.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(settings.expiresIn ?? "8h")
    .sign(key);
}
