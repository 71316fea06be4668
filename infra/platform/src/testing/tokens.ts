import { generateSigningKeyPair, signAccessToken, SigningKeyPair } from "../auth/tokens";
import { signIdentityToken, type Role } from "../auth/identity";

export interface TestKeys extends SigningKeyPair {
  token(claims?: { tenant?: string; roles?: Role[]; userId?: string }): Promise<string>;
  /** A token with chosen times (seconds since the epoch; `expiresAt: null` = no exp) — for tests that attack the verifier. */
  tokenWith(o: { expiresAt?: number | null; issuedAt?: number; extraRoles?: string[]; roles?: Role[]; userId?: string }): Promise<string>;
  /** A partner agency's token (role PARTNER, `sub` and `partner` its name unless `userId` says otherwise). */
  partnerToken(partner: string, o?: { tenant?: string; userId?: string }): Promise<string>;
}

/** A fresh signing key per test file, and tokens signed with it. */
export async function testKeys(): Promise<TestKeys> {
  const pair = await generateSigningKeyPair();
  return {
    ...pair,
    token: (c = {}) =>
      signAccessToken(
        pair.privateKeyPem,
        { userId: c.userId ?? "test-social-worker", roles: c.roles ?? ["SOCIAL_WORKER"], tenant: c.tenant ?? "E09000027" },
        { issuer: "caregraph", audience: "caregraph", expiresIn: "10m" },
      ),
    tokenWith: (o) =>
      signAccessToken(
        pair.privateKeyPem,
        { userId: o.userId ?? "test-social-worker", roles: o.roles ?? ["SOCIAL_WORKER"], tenant: "E09000027" },
        { issuer: "caregraph", audience: "caregraph", expiresIn: "10m", expiresAt: o.expiresAt, issuedAt: o.issuedAt, extraRoles: o.extraRoles },
      ),
    partnerToken: (partner, o = {}) =>
      signIdentityToken(
        pair.privateKeyPem,
        { userId: o.userId ?? partner, roles: ["PARTNER"], tenant: o.tenant ?? "E09000027", partner },
        { issuer: "caregraph", audience: "caregraph", expiresIn: "10m" },
      ),
  };
}
