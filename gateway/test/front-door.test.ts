import { SUBGRAPHS } from "../src/subgraphs";
import { testKeys, TestKeys } from "@caregraph/platform/testing";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { loadGatewayConfig } from "../src/config";
import { startGateway } from "../src/server";

/**
 * The gateway attacked as an outsider would (issue 9): no operation without a verified token,
 * every answer JSON in GraphQL's error shape with a 4xx status, nothing about a subgraph or the
 * server leaked. The subgraphs point at a closed port: none of this may depend on them.
 */
let keys: TestKeys;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let token: string;

beforeAll(async () => {
  keys = await testKeys();
  const closed = "http://127.0.0.1:9/graphql";
  gateway = await startGateway(
    loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: keys.publicKeyPem, LOG_LEVEL: "silent", METRICS_TOKEN: "metrics-secret-0123456789" }),
    { CHILDREN_URL: closed, PLACEMENTS_URL: closed, HEALTH_URL: closed, SAFEGUARDING_URL: closed, CARE_PLANNING_URL: closed },
  );
  token = await keys.token();
});

afterAll(() => gateway?.stop());

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const base = () => gateway.url.replace(/\/graphql$/, "");
const auth = (t: string | null = token): Record<string, string> => (t ? { authorization: `Bearer ${t}` } : {});

/** Every refusal: the status, JSON in GraphQL's error shape with a code, and nothing that leaks. */
async function refused(res: Response, status: number, code?: string): Promise<Answer> {
  const text = await res.text();
  expect({ status: res.status, type: res.headers.get("content-type") }).toEqual({ status, type: expect.stringMatching(/^application\/(graphql-response\+)?json/) });
  expect(text).not.toMatch(/<html|<pre|<!DOCTYPE|\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d|\.js:\d|Express|body-parser|raw-body|127\.0\.0\.1|localhost|stacktrace/i);
  const body = JSON.parse(text) as Answer;
  expect(body.errors?.[0]?.message).toEqual(expect.any(String));
  expect(body.errors?.[0]?.extensions?.code).toEqual(code ?? expect.any(String));
  expect(res.headers.get("x-powered-by")).toBeNull();
  return body;
}

const post = (body: string, headers: Record<string, string> = {}, t: string | null = token) =>
  fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json", ...auth(t), ...headers }, body });
const postQuery = (query: string, variables?: Record<string, unknown>, extra: Record<string, unknown> = {}, t: string | null = token) =>
  post(JSON.stringify({ query, variables, ...extra }), {}, t);

describe("no operation runs without a verified token", () => {
  const INTROSPECTION = "{ __schema { queryType { name } } }";
  const hash = createHash("sha256").update(INTROSPECTION).digest("hex");
  const apq = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });

  it("in production, a browser GET with no query string gets a JSON 401 (no landing page, no library version)", async () => {
    const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
    const body = await refused(page, 401, "UNAUTHENTICATED");
    expect(JSON.stringify(body)).not.toMatch(/apollo|@\d|version/i);
    const verified = await fetch(gateway.url, { headers: { accept: "text/html", "apollo-require-preflight": "1", ...auth() } });
    await refused(verified, 406); // Apollo: a browser's Accept is not a GraphQL response type
  });

  it("with the development sandbox on, the page needs no token but an APQ hash or a query on the same GET still does", async () => {
    const dev = await startGateway(loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: keys.publicKeyPem, LOG_LEVEL: "silent", SANDBOX: "true", METRICS_PORT: "off" }), {});
    try {
      const page = await fetch(dev.url, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(await page.text()).not.toMatch(/__schema|queryType/);
      await refused(await fetch(`${dev.url}?extensions=${encodeURIComponent(apq)}`, { headers: { accept: "text/html" } }), 401, "UNAUTHENTICATED");
      await refused(await fetch(`${dev.url}?query=${encodeURIComponent(INTROSPECTION)}`, { headers: { accept: "text/html" } }), 401, "UNAUTHENTICATED");
      await refused(await fetch(dev.url, { headers: { accept: "application/json" } }), 401, "UNAUTHENTICATED");
      await refused(await fetch(dev.url, { method: "POST", headers: { accept: "text/html", "content-type": "application/json" }, body: JSON.stringify({ query: INTROSPECTION }) }), 401, "UNAUTHENTICATED");
    } finally {
      await dev.stop();
    }
  });

  it("refuses a GET with a query, or with an APQ hash, and no token (401)", async () => {
    await refused(await fetch(`${gateway.url}?query=${encodeURIComponent(INTROSPECTION)}`, { headers: { "apollo-require-preflight": "1" } }), 401, "UNAUTHENTICATED");
    await refused(await fetch(`${gateway.url}?extensions=${encodeURIComponent(apq)}`, { headers: { "apollo-require-preflight": "1" } }), 401, "UNAUTHENTICATED");
    await refused(await fetch(`${gateway.url}?extensions=${encodeURIComponent(apq)}`, { headers: { accept: "text/html" } }), 401, "UNAUTHENTICATED");
    await refused(await fetch(`${gateway.url}?query=`, { headers: { accept: "text/html", "apollo-require-preflight": "1" } }), 401, "UNAUTHENTICATED");
  });

  it("refuses a persisted query by hash without a token, even once a verified caller has registered it", async () => {
    // A verified caller registers the document under its hash …
    const registered = await postQuery(INTROSPECTION, undefined, { extensions: JSON.parse(`{"persistedQuery":${JSON.stringify({ version: 1, sha256Hash: hash })}}`) });
    expect(registered.status).toBe(200);
    // … an anonymous caller with only the hash gets nothing, by POST or GET.
    await refused(await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }), {}, null), 401, "UNAUTHENTICATED");
    await refused(await fetch(`${gateway.url}?extensions=${encodeURIComponent(apq)}`, { headers: { "apollo-require-preflight": "1" } }), 401, "UNAUTHENTICATED");
    // The verified caller can use the hash.
    const byHash = await fetch(`${gateway.url}?extensions=${encodeURIComponent(apq)}`, { headers: { "apollo-require-preflight": "1", ...auth() } });
    expect(((await byHash.json()) as { data?: unknown }).data).toBeTruthy();
  });

  it("answers introspection only to a verified caller", async () => {
    await refused(await postQuery(INTROSPECTION, undefined, {}, null), 401, "UNAUTHENTICATED");
    await refused(await postQuery(INTROSPECTION, undefined, {}, "not.a.token"), 401, "UNAUTHENTICATED");
    const ok = await postQuery(INTROSPECTION);
    expect(((await ok.json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType.name).toBe("Query");
  });
});

describe("every answer is JSON in GraphQL's error shape, never HTML, a stack or a path", () => {
  it("a body that is not JSON, null, a bare string, a truncated document, a batch", async () => {
    await refused(await post("this is not json"), 400, "BAD_REQUEST");
    await refused(await post("null"), 400, "BAD_REQUEST");
    await refused(await post('"a bare string"'), 400, "BAD_REQUEST");
    await refused(await post('{"query": "{ __typename'), 400, "BAD_REQUEST");
    await refused(await post("42"), 400, "BAD_REQUEST");
    await refused(await post("[]"), 400, "BAD_REQUEST");
    await refused(await post('{"query": 42}'), 400);
    await refused(await post("{}"), 400);
  });

  it("a body over the limit, and a compressed body that expands past it", async () => {
    await refused(await post(JSON.stringify({ query: `{ __typename } #${"x".repeat(1_100_000)}` })), 413, "PAYLOAD_TOO_LARGE");
    const bomb = gzipSync(Buffer.from(JSON.stringify({ query: `{ __typename } #${" ".repeat(20_000_000)}` })));
    expect(bomb.length).toBeLessThan(100_000);
    await refused(await post(bomb as unknown as string, { "content-encoding": "gzip" }), 413, "PAYLOAD_TOO_LARGE");
  });

  it("an unknown content-encoding, a broken gzip stream, a wrong content type, a wrong charset", async () => {
    await refused(await post('{"query":"{ __typename }"}', { "content-encoding": "snappy" }), 415, "UNSUPPORTED_ENCODING");
    await refused(await post("not gzip at all", { "content-encoding": "gzip" }), 400);
    await refused(await post('{"query":"{ __typename }"}', { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await refused(await post('{"query":"{ __typename }"}', { "content-type": "application/json; charset=koi8-r" }), 415, "UNSUPPORTED_CHARSET");
  });

  it("a wrong method: 405 with Allow", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await fetch(gateway.url, { method, headers: { "content-type": "application/json", ...auth() }, body: "{}" });
      expect(res.headers.get("allow")).toBe("GET, POST");
      await refused(res, 405, "METHOD_NOT_ALLOWED");
    }
  });

  it("unknown paths: a JSON 404, with or without a token", async () => {
    for (const path of ["/", "/nope", "/graphql/extra", "/.env", "/%2e%2e/etc/passwd", "/healthz/x"]) {
      await refused(await fetch(`${base()}${path}`), 404, "NOT_FOUND");
    }
    // A path that does not even decode: still JSON.
    await refused(await fetch(`${base()}/%E0%A4%A`), 404, "NOT_FOUND");
    await refused(await fetch(`${base()}/nope`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" }), 404, "NOT_FOUND");
  });

  it("a document that does not parse, a token-limit overrun, an unknown operationName: 400", async () => {
    await refused(await postQuery("{ children(first: 1) { "), 400, "GRAPHQL_PARSE_FAILED");
    await refused(await postQuery(`{ ${"__typename ".repeat(2100)}}`), 400, "TOKEN_LIMIT");
    await refused(await post(JSON.stringify({ query: "query A { __typename } query B { __typename }", operationName: "C" })), 400);
    await refused(await post(JSON.stringify({ query: "query A { __typename } query B { __typename }" })), 400);
  });

  it("gives no field suggestions ('Did you mean')", async () => {
    const body = await refused(await postQuery("{ chil(id: \"x\") { id } }"), 400, "GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/i);
    const enumValue = await postQuery("query($s: ChildSearchInput) { children(search: $s) { edges { cursor } } }", { s: { legalStatus: "C3" } });
    expect(await enumValue.text()).not.toMatch(/Did you mean/i);
  });

  it("a 401 and a 429 are the same shape", async () => {
    const body = await refused(await postQuery("{ __typename }", undefined, {}, null), 401, "UNAUTHENTICATED");
    expect(body.errors?.[0]?.message).toMatch(/Bearer/);
  });
});

describe("nothing about a subgraph reaches a caller", () => {
  it("a subgraph that cannot be reached: a clean error, no address, status or body", async () => {
    const res = await postQuery('{ child(id: "00000000-0000-4000-8000-000000000000") { id } }');
    const text = await res.text();
    expect(text).not.toMatch(/127\.0\.0\.1|:9\/|ECONNREFUSED|fetch failed|serviceName|"response"|children/);
    const body = JSON.parse(text) as Answer;
    expect(body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("/readyz says which subgraphs are ready, as booleans, with no raw error text", async () => {
    const res = await fetch(`${base()}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed|Error/);
    expect(JSON.parse(text)).toEqual({ status: "not ready", subgraphs: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, false])) });
  });
});

describe("bad input is refused before anything runs", () => {
  it("a NUL byte in a variable or a literal is BAD_USER_INPUT naming the argument", async () => {
    const res = await postQuery("query($s: ChildSearchInput) { children(search: $s) { edges { cursor } } }", { s: { name: "ab\u0000cd" } });
    const body = await refused(res, 400, "BAD_USER_INPUT");
    expect(body.errors?.[0]?.extensions).toMatchObject({ field: "search.name", rule: "NO_NUL" });
    const literal = await refused(await postQuery('{ child(id: "a\\u0000b") { id } }'), 400, "BAD_USER_INPUT");
    expect(literal.errors?.[0]?.extensions).toMatchObject({ field: "id", rule: "NO_NUL" });
  });

  it("a string over the free-text limit is BAD_USER_INPUT (MAX_LENGTH)", async () => {
    const body = await refused(await postQuery("query($s: ChildSearchInput) { children(search: $s) { edges { cursor } } }", { s: { name: "a".repeat(10_001) } }), 400, "BAD_USER_INPUT");
    expect(body.errors?.[0]?.extensions).toMatchObject({ field: "search.name", rule: "MAX_LENGTH" });
  });
});

describe("token lifetime", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const message = async (t: string) => ((await refused(await postQuery("{ __typename }", undefined, {}, t), 401, "UNAUTHENTICATED")).errors?.[0]?.message ?? "");

  it("refuses a token with no exp, one that expired, one five years long, one issued in the future", async () => {
    expect(await message(await keys.tokenWith({ expiresAt: null }))).toMatch(/no expiry/);
    expect(await message(await keys.tokenWith({ issuedAt: now() - 7200, expiresAt: now() - 120 }))).toMatch(/token expired/);
    expect(await message(await keys.tokenWith({ expiresAt: now() + 5 * 365 * 86400 }))).toMatch(/token lifetime exceeds 8 hours/);
    expect(await message(await keys.tokenWith({ issuedAt: now() + 600, expiresAt: now() + 1200 }))).toMatch(/issued in the future/);
    expect(await message(await keys.tokenWith({ issuedAt: now() - 3600, expiresAt: now() + 8 * 3600 }))).toMatch(/exceeds 8 hours/);
  });

  it("caps a partner's token at 1 hour", async () => {
    expect(await message(await keys.tokenWith({ extraRoles: ["PARTNER"], expiresAt: now() + 2 * 3600 }))).toMatch(/token lifetime exceeds 1 hour/);
    // 50 minutes is accepted: past authentication, the partner agencies' door answers (no query text; issue 11).
    const ok = await postQuery("{ __typename }", undefined, {}, await keys.tokenWith({ extraRoles: ["PARTNER"], expiresAt: now() + 3000 }));
    expect(ok.status).toBe(403);
    expect(((await ok.json()) as Answer).errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");
  });

  it("allows a small clock skew (60 s) either way", async () => {
    const justExpired = await postQuery("{ __typename }", undefined, {}, await keys.tokenWith({ issuedAt: now() - 600, expiresAt: now() - 20 }));
    expect(justExpired.status).toBe(200);
    const slightlyAhead = await postQuery("{ __typename }", undefined, {}, await keys.tokenWith({ issuedAt: now() + 20, expiresAt: now() + 600 }));
    expect(slightlyAhead.status).toBe(200);
    const fullDay = await postQuery("{ __typename }", undefined, {}, await keys.tokenWith({ expiresAt: now() + 8 * 3600 }));
    expect(fullDay.status).toBe(200);
  });
});

describe("metrics", () => {
  it("are not on the public port without METRICS_TOKEN, and are on the metrics port", async () => {
    await refused(await fetch(`${base()}/metrics`), 404, "NOT_FOUND");
    await refused(await fetch(`${base()}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } }), 404, "NOT_FOUND");
    expect(await (await fetch(`${base()}/metrics`, { headers: { authorization: "Bearer metrics-secret-0123456789" } })).text()).toContain("http_request_duration_seconds");
    expect(gateway.metricsUrl).not.toBe(`${base()}/metrics`);
    expect(await (await fetch(gateway.metricsUrl!)).text()).toContain("http_request_duration_seconds");
  });

  it("label unknown paths and operation names from a bounded set", async () => {
    for (let i = 0; i < 5; i++) await fetch(`${base()}/random-${i}-${Date.now()}`);
    await post(JSON.stringify({ query: `query Made_Up_${Date.now()} { __typename }` }));
    const text = await (await fetch(gateway.metricsUrl!)).text();
    expect(text).not.toMatch(/random-\d|Made_Up_/);
  });
});
