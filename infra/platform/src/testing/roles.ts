import { Role, signIdentityToken } from "../auth/identity";
import type { TestKeys } from "./tokens";

/**
 * Tokens for any role of the access matrix, `home` (Ofsted URN) included, signed with a test
 * file's key: `const as = roleTokens(env); await as("RESIDENTIAL_STAFF", { home: "SC123456" })`.
 */
export function roleTokens(env: { keys: TestKeys }, tenant = "E09000027") {
  return (role: Role | Role[], claims: { userId?: string; home?: string; tenant?: string } = {}) => {
    const roles = Array.isArray(role) ? role : [role];
    return signIdentityToken(
      env.keys.privateKeyPem,
      { userId: claims.userId ?? `test-${roles[0]?.toLowerCase().replace(/_/g, "-")}`, roles, tenant: claims.tenant ?? tenant, home: claims.home },
      { issuer: "caregraph", audience: "caregraph", expiresIn: "10m" },
    );
  };
}
