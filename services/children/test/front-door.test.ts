import { serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { children } from "../src/service";

/**
 * The children subgraph reached directly, bypassing the gateway, as an outsider would (issue 9):
 * nothing is parsed without a verified token, every answer is JSON in GraphQL's error shape, the
 * gateway's limits hold here too, and bad text is bad input, never an internal error.
 */
const env = serviceUnderTest(children);

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const base = () => env.svc.url.replace(/\/graphql$/, "");
const auth = (t: string | null): Record<string, string> => (t ? { authorization: `Bearer ${t}` } : {});
const post = (body: string | Buffer, headers: Record<string, string> = {}, t: string | null = env.token) =>
  fetch(env.svc.url, { method: "POST", headers: { "content-type": "application/json", ...auth(t), ...headers }, body });
const gql = async (query: string, variables: Record<string, unknown> = {}, t: string | null = env.token) => {
  const res = await post(JSON.stringify({ query, variables }), {}, t);
  return { status: res.status, ...((await res.json()) as Answer) };
};

async function refused(res: Response, status: number, code?: string): Promise<Answer> {
  const text = await res.text();
  expect({ status: res.status, type: res.headers.get("content-type") }).toEqual({ status, type: expect.stringMatching(/^application\/(graphql-response\+)?json/) });
  expect(text).not.toMatch(/<html|<pre|<!DOCTYPE|\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d|\.js:\d|Express|body-parser|raw-body|stacktrace|postgres/i);
  const body = JSON.parse(text) as Answer;
  expect(body.errors?.[0]?.extensions?.code).toEqual(code ?? expect.any(String));
  return body;
}

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id firstName lastName } }`;
let seq = 0;
const input = (o: Record<string, unknown> = {}) => ({ firstName: "Tom", lastName: `Frontdoor-${++seq}`, dateOfBirth: "2016-03-04", sex: "FEMALE", ...o });

describe("no token, nothing parsed", () => {
  it("refuses introspection, _service, a query, a GET, and garbage alike with 401 JSON", async () => {
    await refused(await post(JSON.stringify({ query: "{ __schema { types { name } } }" }), {}, null), 401, "UNAUTHENTICATED");
    await refused(await post(JSON.stringify({ query: "{ _service { sdl } }" }), {}, null), 401, "UNAUTHENTICATED");
    await refused(await post(JSON.stringify({ query: "{ children { edges { cursor } } }" }), {}, null), 401, "UNAUTHENTICATED");
    await refused(await fetch(`${env.svc.url}?query=${encodeURIComponent("{ _service { sdl } }")}`, { headers: { "apollo-require-preflight": "1" } }), 401, "UNAUTHENTICATED");
    await refused(await post("{ not json", {}, null), 401, "UNAUTHENTICATED");
    await refused(await post(JSON.stringify({ query: "{ __typename }" }), {}, "forged.token.here"), 401, "UNAUTHENTICATED");
  });

  it("refuses 220 KB of repeated fields without a token at once, and health checks keep answering", async () => {
    const huge = JSON.stringify({ query: `{ ${"children { edges { cursor } } ".repeat(7500)}}` });
    expect(huge.length).toBeGreaterThan(220_000);
    const started = Date.now();
    const attacks = Array.from({ length: 10 }, () => post(huge, {}, null));
    const health = await fetch(`${base()}/healthz`);
    expect(health.status).toBe(200);
    for (const a of await Promise.all(attacks)) await refused(a, 401, "UNAUTHENTICATED");
    // Bounded, not a benchmark: parsing 220 KB per request would take tens of seconds.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("with a token, the gateway's limits hold here too", () => {
  it("refuses 220 KB of repeated fields quickly at the token limit (before validation), health answering", async () => {
    const huge = JSON.stringify({ query: `{ ${"children { edges { cursor } } ".repeat(7500)}}` });
    const started = Date.now();
    const attacks = Array.from({ length: 10 }, () => post(huge));
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    for (const a of await Promise.all(attacks)) {
      const body = await refused(a, 400, "TOKEN_LIMIT");
      expect(body.errors?.[0]?.message).toMatch(/token limit of 2000/);
    }
    // Bounded, not a benchmark: parsing 220 KB per request would take tens of seconds.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses too deep, too many aliases, too costly, too many directives — naming the limit", async () => {
    const deep = `{ __type(name: "Child") { fields { type ${"{ ofType ".repeat(11)}{ name }${" }".repeat(11)} } } }`;
    expect((await refused(await post(JSON.stringify({ query: deep })), 400, "DEPTH_LIMIT")).errors?.[0]?.extensions).toMatchObject({ limit: 12 });
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ");
    expect((await refused(await post(JSON.stringify({ query: `{ ${aliases} }` })), 400, "ALIAS_LIMIT")).errors?.[0]?.extensions).toMatchObject({ aliases: 31, limit: 30 });
    const page = "children(first: 100) { edges { cursor node { id firstName lastName dateOfBirth legalStatuses { code startDate endDate } } } }";
    const costly = `{ a: ${page} b: ${page} c: ${page} d: ${page} }`;
    await refused(await post(JSON.stringify({ query: costly })), 400, "COST_LIMIT");
    await refused(await post(JSON.stringify({ query: `{ __typename ${"@include(if: true) ".repeat(51)}}` })), 400, "DIRECTIVE_LIMIT");
  });

  it("a fragment chain that fans out exponentially is measured in linear time", async () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(" ");
    // 2^40 visits would never answer: answering at all (within jest's timeout) is the proof.
    const res = await post(JSON.stringify({ query: `{ ...F0 } ${fragments} fragment F40 on Query { __typename }` }));
    expect(res.status).toBe(400);
  });

  it("gives no field suggestions, in validation or in variables", async () => {
    const field = await refused(await post(JSON.stringify({ query: "{ chldren { edges { cursor } } }" })), 400, "GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(field)).not.toMatch(/Did you mean/i);
    const enumValue = await gql("query($s: ChildSearchInput) { children(search: $s) { edges { cursor } } }", { s: { legalStatus: "C3" } });
    expect(JSON.stringify(enumValue)).not.toMatch(/Did you mean/i);
    expect(enumValue.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("answers _service and introspection to a verified caller", async () => {
    expect((await gql("{ _service { sdl } }")).data).toMatchObject({ _service: { sdl: expect.stringContaining("type Child") } });
    expect((await gql("{ __schema { queryType { name } } }")).data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("every answer is JSON, with a 4xx for the caller's mistakes", () => {
  it("bodies: not JSON, null, a bare string, truncated, over the limit, a gzip bomb, unknown encoding, wrong type", async () => {
    await refused(await post("not json"), 400, "BAD_REQUEST");
    await refused(await post("null"), 400, "BAD_REQUEST");
    await refused(await post('"bare"'), 400, "BAD_REQUEST");
    await refused(await post('{"query":"{ __typ'), 400, "BAD_REQUEST");
    await refused(await post("[]"), 400, "BAD_REQUEST");
    await refused(await post(JSON.stringify({ query: `{ __typename } #${"x".repeat(1_100_000)}` })), 413, "PAYLOAD_TOO_LARGE");
    await refused(await post(gzipSync(Buffer.from(JSON.stringify({ query: `#${" ".repeat(20_000_000)}` }))), { "content-encoding": "gzip" }), 413, "PAYLOAD_TOO_LARGE");
    await refused(await post('{"query":"{ __typename }"}', { "content-encoding": "zstd-nope" }), 415, "UNSUPPORTED_ENCODING");
    await refused(await post('{"query":"{ __typename }"}', { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("a wrong method (405), an unknown path (404), a parse error and an unknown operationName (400)", async () => {
    await refused(await fetch(env.svc.url, { method: "PUT", headers: auth(env.token) }), 405, "METHOD_NOT_ALLOWED");
    await refused(await fetch(`${base()}/nope`), 404, "NOT_FOUND");
    await refused(await fetch(`${env.svc.url}/x`, { headers: auth(env.token) }), 404, "NOT_FOUND");
    await refused(await post(JSON.stringify({ query: "{ children { " })), 400, "GRAPHQL_PARSE_FAILED");
    await refused(await post(JSON.stringify({ query: "query A { __typename }", operationName: "B" })), 400);
  });

  it("/readyz and /metrics: no raw error text, no metrics on the public port", async () => {
    const ready = await fetch(`${base()}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", service: "children" });
    await refused(await fetch(`${base()}/metrics`), 404, "NOT_FOUND");
    const metricsUrl = env.svc.service.metricsUrl!;
    await post(JSON.stringify({ query: `query Invented${Date.now()} { __typename }` }));
    await fetch(`${base()}/made-up-${Date.now()}`);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toContain("graphql_operations_total");
    expect(text).not.toMatch(/Invented\d|made-up-/);
  });
});

describe("bad text is bad input", () => {
  it("a NUL byte anywhere in the input is BAD_USER_INPUT naming the field, and nothing is stored", async () => {
    const r = await gql(REGISTER, { input: input({ firstName: "Ta\u0000m" }) });
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.firstName", rule: "NO_NUL" });
    const search = await gql("query($s: ChildSearchInput) { children(search: $s) { edges { cursor } } }", { s: { name: "\u0000" } });
    expect(search.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "NO_NUL" });
    const cursor = await gql("query($a: String) { children(after: $a) { edges { cursor } } }", { a: "abc\u0000" });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it.each([
    ["zero-width spaces", "\u200b\u200b\u200b"],
    ["a zero-width joiner and a BOM", "\u200d\ufeff"],
    ["control characters", "\u0001\u0002\u0007"],
    ["spaces and a direction mark", "  \u200f  "],
    ["punctuation only", "-'."],
  ])("refuses a name made only of %s", async (_what, name) => {
    const r = await gql(REGISTER, { input: input({ lastName: name }) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.lastName" });
  });

  it("refuses control characters inside a name, keeps a joiner inside a real one", async () => {
    const tab = await gql(REGISTER, { input: input({ firstName: "Ta\tm" }) });
    expect(tab.errors?.[0]?.extensions).toMatchObject({ field: "input.firstName", rule: "NO_CONTROL_CHARACTERS" });
    const joined = await gql(REGISTER, { input: input({ firstName: "\u200bAnu\u200dpama\u200b" }) });
    expect(joined.errors).toBeUndefined();
    expect((joined.data?.registerChild as { firstName: string }).firstName).toBe("Anu\u200dpama");
  });

  it("a name over 100 characters, and any text over 10 000, is refused with the field and rule", async () => {
    const long = await gql(REGISTER, { input: input({ lastName: "a".repeat(101) }) });
    expect(long.errors?.[0]?.extensions).toMatchObject({ field: "input.lastName", rule: "MAX_LENGTH" });
    const huge = await gql(REGISTER, { input: input({ lastName: "a".repeat(10_001) }) });
    expect(huge.errors?.[0]?.extensions).toMatchObject({ field: "input.lastName", rule: "MAX_LENGTH" });
  });
});

describe("search", () => {
  const SEARCH = "query($s: ChildSearchInput, $a: String) { children(search: $s, first: 100, after: $a) { edges { node { firstName lastName } } } }";

  beforeAll(async () => {
    for (const lastName of ["Wildcard", "Percent", "Underscore", "Holt"]) expect((await gql(REGISTER, { input: input({ lastName }) })).errors).toBeUndefined();
  });

  it.each(["%", "_", "%%", "_%_", "\\", "*", "' OR 1=1 --", "%a%"])("%j does not match every child", async (name) => {
    const r = await gql(SEARCH, { s: { name } });
    if (r.errors) {
      expect(r.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "search.name", rule: "SEARCH_WORDS" });
    } else {
      // Read as words ("%a%" is the word "a", "' OR 1=1 --" the words "or 1 1"): some children, not every one.
      type Page = { edges: { node: { firstName: string; lastName: string } }[] };
      const found = (r.data?.children as Page).edges;
      const all = ((await gql(SEARCH, { s: {} })).data?.children as Page).edges;
      expect(found.length).toBeLessThan(all.length);
      const words = name.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ");
      for (const e of found) for (const w of words) expect(`${e.node.firstName} ${e.node.lastName}`.toLowerCase()).toContain(w);
    }
  });

  it.each([
    ["not base64", "!!!"],
    ["base64 of nonsense", Buffer.from("hello").toString("base64url")],
    ["base64 of an unknown id", Buffer.from(randomUUID()).toString("base64url")],
    ["padded base64", Buffer.from(randomUUID()).toString("base64") + "=="],
    ["very long", "A".repeat(5000)],
    ["a uuid itself", randomUUID()],
  ])("a cursor that is not ours (%s) is BAD_USER_INPUT", async (_what, after) => {
    const r = await gql(SEARCH, { s: {}, a: after });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after", rule: "CURSOR" });
  });
});
