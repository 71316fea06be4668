import { createHash, createHmac } from "node:crypto";

/**
 * AWS Signature Version 4 for S3 requests (header form, path-style URLs), from AWS's
 * "Signature Calculations for the Authorization Header" (checked in the tests against AWS's own
 * worked example and a server that recomputes it).
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (each path segment; "/" kept between them). */
export const encodePath = (path: string) =>
  path
    .split("/")
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");

const amzDate = (at: Date) => at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/**
 * The headers to send (x-amz-date, x-amz-content-sha256, Authorization) for a request whose other
 * signed headers (host included) are given. `path` is already encoded.
 */
export function signRequest(
  c: Credentials,
  req: { method: string; path: string; query?: string; headers: Record<string, string>; payloadHash: string },
  at: Date,
): Record<string, string> {
  const date = amzDate(at);
  const headers: Record<string, string> = { ...lower(req.headers), "x-amz-content-sha256": req.payloadHash, "x-amz-date": date };
  const names = Object.keys(headers).sort();
  const canonical = [
    req.method,
    req.path,
    req.query ?? "",
    ...names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, " ")}`),
    "",
    names.join(";"),
    req.payloadHash,
  ].join("\n");
  const scope = `${date.slice(0, 8)}/${c.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", date, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${c.secretAccessKey}`, date.slice(0, 8)), c.region), "s3"), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
