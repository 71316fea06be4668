import { realNow } from "@caregraph/platform/clock";
import { Credentials, encodePath, sha256Hex, signRequest } from "./sigv4";
import type { DocumentStore } from "./store";

/**
 * Bytes in S3-compatible object storage (AWS S3, MinIO, Ceph…), path-style
 * (`<endpoint>/<bucket>/<key>`), each request signed with SigV4 (./sigv4.ts). No SDK: three
 * requests (PUT, GET, DELETE) are all CareGraph needs.
 *
 *   OBJECT_STORE_URL=s3://ACCESS_KEY:SECRET@host:9000/bucket?region=eu-west-2   (HTTPS)
 *   OBJECT_STORE_URL=s3+http://ACCESS_KEY:SECRET@127.0.0.1:9000/bucket          (plain HTTP: development)
 *
 * A path after the bucket is a key prefix. Region defaults to eu-west-2 (London).
 */
export interface ObjectStoreConfig extends Credentials {
  endpoint: string;
  bucket: string;
  prefix: string;
}

export function parseObjectStoreUrl(raw: string): ObjectStoreConfig {
  const fail = (why: string): never => {
    throw new RangeError(`OBJECT_STORE_URL ${why}, e.g. s3://ACCESS_KEY:SECRET@host:9000/bucket?region=eu-west-2`);
  };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return fail("is not a URL");
  }
  if (u.protocol !== "s3:" && u.protocol !== "s3+http:") fail("must start s3:// (HTTPS) or s3+http://");
  const [bucket, ...rest] = u.pathname.replace(/^\//, "").split("/");
  if (!bucket) fail("must name the bucket");
  if (!u.username || !u.password) fail("must carry the access key and secret");
  return {
    endpoint: `${u.protocol === "s3:" ? "https" : "http"}://${u.host}`,
    bucket: bucket!,
    prefix: rest.filter(Boolean).map((p) => `${p}/`).join(""),
    accessKeyId: decodeURIComponent(u.username),
    secretAccessKey: decodeURIComponent(u.password),
    region: u.searchParams.get("region") ?? "eu-west-2",
  };
}

// Signing needs the real time, not the platform clock (which a demo may set to another date): S3
// refuses a signature more than 15 minutes away from its own clock.
const realTime = realNow;

export function s3DocumentStore(config: ObjectStoreConfig, clock: () => Date = realTime): DocumentStore {
  const host = new URL(config.endpoint).host;
  const send = async (method: "PUT" | "GET" | "DELETE", key: string, body?: Buffer, contentType?: string) => {
    const path = encodePath(`/${config.bucket}/${config.prefix}${key}`);
    const headers = signRequest(
      config,
      { method, path, headers: { host, ...(contentType ? { "content-type": contentType } : {}) }, payloadHash: sha256Hex(body ?? "") },
      clock(),
    );
    delete headers.host; // fetch sets it from the URL (the same value)
    return fetch(`${config.endpoint}${path}`, { method, headers, ...(body ? { body } : {}) });
  };
  const failed = async (what: string, res: Response): Promise<never> => {
    // The store's answer (XML) stays in our logs' error, never with a caller.
    throw new Error(`object store ${what} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  };
  return {
    kind: "s3",
    async put(_sql, key, bytes, contentType) {
      const res = await send("PUT", key, bytes, contentType);
      if (!res.ok) await failed("PUT", res);
    },
    async get(_sql, key) {
      const res = await send("GET", key);
      if (res.status === 404) return null;
      if (!res.ok) await failed("GET", res);
      return Buffer.from(await res.arrayBuffer());
    },
    async delete(_sql, key) {
      const res = await send("DELETE", key);
      if (!res.ok && res.status !== 404) await failed("DELETE", res);
    },
  };
}
