import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signed, short-lived URLs of documents. The token in the path IS the credential for the PUT
 * or GET it names (no JWT on those requests): a browser or `curl` can send a file's bytes or
 * follow a download link without holding the practitioner's access token, and that token never
 * travels in a URL. It is safe because it is minted only by requestDocumentUpload / downloadUrl,
 * after the GraphQL shield and the child's scope have checked the caller; it is HMAC-SHA256
 * signed (tampering with any claim breaks the signature); it names one tenant, one child, one
 * upload or one version, and who it was minted for (audited as the reader); it lives 15 minutes
 * (upload) or 5 (download); and an upload token works once (the upload row is claimed).
 */
export const UPLOAD_TTL_SECONDS = 15 * 60;
export const DOWNLOAD_TTL_SECONDS = 5 * 60;

export interface UploadClaims {
  p: "upload";
  /** tenant */
  t: string;
  /** child id */
  c: string;
  /** upload id */
  u: string;
  /** expiry, seconds since the epoch */
  e: number;
}

export interface DownloadClaims {
  p: "download";
  t: string;
  c: string;
  /** document id and version */
  d: string;
  v: number;
  /** who it was minted for: user id and roles (the audit entry's actor) */
  s: string;
  r: string[];
  e: number;
}

export type Claims = UploadClaims | DownloadClaims;

export const DEV_SECRET = "caregraph-development-document-url-secret";

/**
 * DOCUMENT_URL_SECRET (32 characters or more); a fixed development secret outside production. In
 * production without it, null: documents are off (their mutations and URLs say so) while the rest
 * of the record keeps working, rather than the whole subgraph refusing to start.
 */
export function documentUrlSecret(env: NodeJS.ProcessEnv = process.env): string | null {
  const s = env.DOCUMENT_URL_SECRET?.trim();
  if (s) {
    if (s.length < 32) throw new RangeError("DOCUMENT_URL_SECRET must be at least 32 characters");
    return s;
  }
  return env.NODE_ENV === "production" ? null : DEV_SECRET;
}

export const DOCUMENTS_OFF = "Documents are not available: DOCUMENT_URL_SECRET is not set on this server";

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const mac = (secret: string, body: string) => createHmac("sha256", secret).update(`caregraph-document:${body}`).digest();

export function signToken(secret: string, claims: Claims): string {
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(mac(secret, body))}`;
}

export type Verified<P extends Claims["p"]> = { ok: true; claims: Extract<Claims, { p: P }> } | { ok: false; code: "INVALID_TOKEN" | "EXPIRED_TOKEN"; message: string };

/** The claims of a genuine, unexpired token of that purpose; otherwise why not. */
export function verifyToken<P extends Claims["p"]>(secret: string, token: string, purpose: P, at: Date): Verified<P> {
  const invalid = { ok: false as const, code: "INVALID_TOKEN" as const, message: "this link is not valid: ask CareGraph for a new one" };
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return invalid;
  const expected = mac(secret, body);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Claims;
  } catch {
    return invalid;
  }
  if (claims.p !== purpose || typeof claims.e !== "number") return invalid;
  if (at.getTime() >= claims.e * 1000) return { ok: false, code: "EXPIRED_TOKEN", message: "this link has expired: ask CareGraph for a new one" };
  return { ok: true, claims: claims as Extract<Claims, { p: P }> };
}
