import { createHash, createHmac } from "node:crypto";
import { createServer, IncomingMessage, Server } from "node:http";
import { AddressInfo } from "node:net";

/**
 * A small S3 stand-in for tests: no real S3 (nor MinIO) is reachable from this machine. It
 * recomputes each request's SigV4 signature from the secret on its own (code independent of
 * src/documents/sigv4.ts, which is checked against AWS's worked example in
 * documents-rules.test.ts), refuses a wrong one with 403 as S3 does, and keeps the bytes in memory.
 */
export const ACCESS = "CAREGRAPHTESTKEY";
export const SECRET = "test/secret+key";
export const REGION = "eu-west-2";

const hmac = (k: string | Buffer, d: string) => createHmac("sha256", k).update(d).digest();
const sha = (d: string | Buffer) => createHash("sha256").update(d).digest("hex");

function expectedAuthorization(req: IncomingMessage, body: Buffer, secret: string): string | null {
  const auth = String(req.headers.authorization ?? "");
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(auth);
  if (!m || m[1] !== ACCESS || m[3] !== REGION) return null;
  const signed = m[4]!.split(";");
  if (!["host", "x-amz-content-sha256", "x-amz-date"].every((h) => signed.includes(h))) return null;
  if (req.headers["x-amz-content-sha256"] !== sha(body)) return null; // the payload really is what was signed
  const date = String(req.headers["x-amz-date"]);
  const canonical = [req.method, req.url!.split("?")[0], "", ...signed.map((h) => `${h}:${String(req.headers[h]).trim()}`), "", signed.join(";"), sha(body)].join("\n");
  const scope = `${m[2]}/${REGION}/s3/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, m[2]!), REGION), "s3"), "aws4_request");
  const signature = createHmac("sha256", key).update(["AWS4-HMAC-SHA256", date, scope, sha(canonical)].join("\n")).digest("hex");
  return `AWS4-HMAC-SHA256 Credential=${ACCESS}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
}

export interface S3StandIn {
  port: number;
  /** OBJECT_STORE_URL for it (bucket "caregraph", optional key prefix). */
  url(prefix?: string, secret?: string): string;
  objects: Map<string, { bytes: Buffer; type: string }>;
  seen: { method: string; path: string; ok: boolean }[];
  stop(): Promise<void>;
}

export async function startS3StandIn(): Promise<S3StandIn> {
  const objects = new Map<string, { bytes: Buffer; type: string }>();
  const seen: { method: string; path: string; ok: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const ok = expectedAuthorization(req, body, SECRET) === req.headers.authorization;
      seen.push({ method: req.method!, path: req.url!, ok });
      if (!ok) return res.writeHead(403, { "content-type": "application/xml" }).end("<Error><Code>SignatureDoesNotMatch</Code></Error>");
      const path = req.url!;
      if (req.method === "PUT") {
        objects.set(path, { bytes: body, type: String(req.headers["content-type"]) });
        return res.writeHead(200).end();
      }
      if (req.method === "GET") {
        const o = objects.get(path);
        return o ? res.writeHead(200, { "content-type": o.type }).end(o.bytes) : res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
      }
      if (req.method === "DELETE") {
        objects.delete(path);
        return res.writeHead(204).end();
      }
      res.writeHead(405).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (prefix = "", secret = SECRET) => `s3+http://${ACCESS}:${encodeURIComponent(secret)}@127.0.0.1:${port}/caregraph${prefix ? `/${prefix}` : ""}?region=${REGION}`,
    objects,
    seen,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
