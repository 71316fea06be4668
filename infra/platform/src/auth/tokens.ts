import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify, SignJWT } from "jose";
import { GraphQLError } from "graphql";
import { Identity, isRole, Role, TENANT_CODE } from "./identity";

/**
 * Access tokens are ES256 JWTs. The gateway verifies them and forwards the same bearer token;
 * each subgraph verifies it again with the same public key, so a subgraph reached directly,
 * bypassing the gateway, still refuses any caller without a valid token.
 */
const ALG = "ES256";

export interface TokenSettings {
  issuer: string;
  audience: string;
}

/** How long a token may live and how far clocks may disagree, in seconds (config: tokenShape). */
export interface TokenLifetimes {
  /** Longest `exp - iat` for a person's token (default 8 h). */
  maxLifetimePerson?: number;
  /** Longest `exp - iat` for a partner agency's token (role PARTNER; default 1 h). */
  maxLifetimePartner?: number;
  /** Clock skew allowed on `exp`, `nbf` and `iat` (default 60 s). */
  clockSkew?: number;
}

export const TOKEN_LIFETIME_DEFAULTS = { maxLifetimePerson: 8 * 3600, maxLifetimePartner: 3600, clockSkew: 60 } as const;

const inWords = (seconds: number) =>
  seconds % 3600 === 0 ? `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}` : seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;

export class AuthenticationError extends GraphQLError {
  constructor(reason: string) {
    super(`Not authenticated: ${reason}`, {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
}

export type TokenVerifier = (token: string) => Promise<Identity>;

export async function createTokenVerifier(publicKeyPem: string, settings: TokenSettings & TokenLifetimes): Promise<TokenVerifier> {
  const key = await importSPKI(publicKeyPem.replace(/\\n/g, "\n"), ALG);
  const { issuer, audience } = settings;
  const skew = settings.clockSkew ?? TOKEN_LIFETIME_DEFAULTS.clockSkew;
  return async (token) => {
    let payload;
    try {
      // jose checks exp/nbf against real time (not the platform clock), with the skew allowed.
      ({ payload } = await jwtVerify(token, key, { issuer, audience, algorithms: [ALG], clockTolerance: skew, requiredClaims: ["exp"] }));
    } catch (e) {
      throw new AuthenticationError(tokenProblem(e as Error & { code?: string }));
    }
    // Real time on purpose (see tokenProblem): a practice environment's clock must not stretch a token's life.
    const realNow = Math.floor(Date.now() / 1000);
    const exp = payload.exp as number;
    if (typeof payload.iat === "number" && payload.iat > realNow + skew) throw new AuthenticationError("token is issued in the future (iat); check the issuer's clock");
    const partner = Array.isArray(payload.roles) && payload.roles.includes("PARTNER");
    const cap = partner
      ? (settings.maxLifetimePartner ?? TOKEN_LIFETIME_DEFAULTS.maxLifetimePartner)
      : (settings.maxLifetimePerson ?? TOKEN_LIFETIME_DEFAULTS.maxLifetimePerson);
    // Without iat the lifetime counts from now; with it, from issue. Either way, never more than the cap.
    const lifetime = exp - (typeof payload.iat === "number" ? Math.min(payload.iat, realNow) : realNow);
    if (lifetime > cap + skew) {
      throw new AuthenticationError(`token lifetime exceeds ${inWords(cap)}${partner ? " (the limit for a partner agency)" : ""}; ask for a shorter-lived token`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    if (typeof payload.sub !== "string" || payload.sub === "") throw new AuthenticationError("token has no subject");
    if (typeof payload.tenant !== "string" || !TENANT_CODE.test(payload.tenant)) {
      throw new AuthenticationError("token has no valid tenant (a local authority ONS code)");
    }
    return { userId: payload.sub, roles, tenant: payload.tenant };
  };
}

/**
 * What went wrong, in words a caller can act on. Token lifetimes are checked against real time,
 * not the platform clock: a practice environment set to another date still needs real security.
 */
function tokenProblem(e: Error & { code?: string; claim?: string }): string {
  switch (e.code) {
    case "ERR_JWT_EXPIRED":
      return "token expired; sign in again";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (e.claim === "exp") return "token has no expiry (exp); every token must expire";
      return e.claim === "nbf" || e.claim === "iat" ? "token is not valid yet" : `token's "${e.claim}" claim is not accepted`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "token signature is not valid";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return "not a well-formed token";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "token is not signed with ES256";
    default:
      return "token is not valid";
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

export interface SigningKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

export async function signAccessToken(
  privateKeyPem: string,
  claims: { userId: string; roles: Role[]; tenant: string },
  settings: TokenSettings & {
    expiresIn?: string;
    /** Tests of the verifier only: an exact `exp` (seconds), `null` for none; an exact `iat`. */
    expiresAt?: number | null;
    issuedAt?: number;
    /** Tests of the verifier only: roles that are not (yet) platform roles, e.g. "PARTNER". */
    extraRoles?: string[];
  },
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, ALG);
  const jwt = new SignJWT({ roles: [...claims.roles, ...(settings.extraRoles ?? [])], tenant: claims.tenant })
    .setProtectedHeader({ alg: ALG })
    .setSubject(claims.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(settings.issuedAt);
  if (settings.expiresAt === null) return jwt.sign(key);
  return jwt.setExpirationTime(settings.expiresAt ?? settings.expiresIn ?? "8h").sign(key);
}
