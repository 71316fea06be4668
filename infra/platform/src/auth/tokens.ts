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

export class AuthenticationError extends GraphQLError {
  constructor(reason: string) {
    super(`Not authenticated: ${reason}`, {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
}

export type TokenVerifier = (token: string) => Promise<Identity>;

export async function createTokenVerifier(publicKeyPem: string, settings: TokenSettings): Promise<TokenVerifier> {
  const key = await importSPKI(publicKeyPem.replace(/\\n/g, "\n"), ALG);
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, { ...settings, algorithms: [ALG] }));
    } catch (e) {
      throw new AuthenticationError(tokenProblem(e as Error & { code?: string }));
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
  settings: TokenSettings & { expiresIn?: string },
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, ALG);
  return new SignJWT({ roles: claims.roles, tenant: claims.tenant })
    .setProtectedHeader({ alg: ALG })
    .setSubject(claims.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(settings.expiresIn ?? "8h")
    .sign(key);
}
