import { testKeys, TestKeys } from "@caregraph/platform/testing";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { loadGatewayConfig } from "../src/config";
import { operationId, readManifest } from "../src/persisted/manifest";
import { startGateway } from "../src/server";
import { SUBGRAPHS, urlVariable } from "../src/subgraphs";

/**
 * The partner agencies' door at the gateway (issue 11). Every subgraph URL points at one local
 * HTTP server that counts what reaches it: a refused partner request must reach nothing.
 */
let keys: TestKeys;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let subgraph: Server;
const reached: string[] = [];

beforeAll(async () => {
  keys = await testKeys();
  subgraph = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      reached.push(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: { child: null, children: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } }));
    });
  });
  await new Promise<void>((r) => subgraph.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway(
    loadGatewayConfig({
      PORT: "0",
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      LOG_LEVEL: "silent",
      METRICS_PORT: "off",
      METRICS_TOKEN: "test-metrics-token",
    }),
    Object.fromEntries(SUBGRAPHS.map(({ name }) => [urlVariable(name), url])),
  );
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((r) => subgraph?.close(r));
});

const police = () => readManifest("county-police")!.operations;
const school = () => readManifest("riverside-school")!.operations;
const byId = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
async function send(token: string, body: unknown, init: RequestInit = {}) {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    ...init,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer };
}

/** Refused with PERSISTED_QUERY_NOT_ALLOWED for this reason, and no subgraph was called. */
async function refused(token: string, body: unknown, reason: string, status = 403, init: RequestInit = {}) {
  const before = reached.length;
  const r = await send(token, body, init);
  expect({ status: r.status, code: r.body.errors?.[0]?.extensions?.code, reason: r.body.errors?.[0]?.extensions?.reason }).toEqual({
    status,
    code: "PERSISTED_QUERY_NOT_ALLOWED",
    reason,
  });
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors?.[0]?.message).toEqual(expect.any(String));
  expect(reached.length).toBe(before);
  return r.body.errors![0]!.message;
}

describe("a partner agency runs only its own persisted operations, by id", () => {
  it("its own operation by id runs (the subgraph is called with the manifest's body)", async () => {
    const op = police().find((o) => o.name === "ChildMissingEpisodes")!;
    const before = reached.length;
    const r = await send(await keys.partnerToken("county-police"), { ...byId(op.id), variables: { childId: "4a0c7a0e-0000-4000-8000-000000000001" } });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ child: null });
    expect(reached.length).toBeGreaterThan(before);
    expect(reached.at(-1)).toContain("ChildMissingEpisodes");
  });

  it("refuses another agency's operation", async () => {
    const message = await refused(await keys.partnerToken("county-police"), byId(school()[0]!.id), "ANOTHER_AGENCYS_OPERATION");
    expect(message).toMatch(/not one of your agency's/);
  });

  it("refuses free query text, even a manifest body sent again, and an APQ registration", async () => {
    const token = await keys.partnerToken("county-police");
    const own = police()[0]!;
    await refused(token, { query: "{ children(first: 100) { edges { node { id firstName upn } } } }" }, "QUERY_TEXT");
    await refused(token, { query: own.body }, "QUERY_TEXT");
    await refused(token, { query: own.body, ...byId(own.id) }, "QUERY_TEXT");
    await refused(token, { query: "{ __schema { types { name } } }" }, "QUERY_TEXT");
  });

  it("refuses a body whose hash does not match, a tampered id and an unknown id", async () => {
    const token = await keys.partnerToken("county-police");
    const own = police()[0]!;
    await refused(token, { query: `${own.body}\n{ children { edges { node { upn } } } }`, ...byId(own.id) }, "HASH_MISMATCH");
    const tampered = `${own.id.slice(0, -1)}${own.id.endsWith("0") ? "1" : "0"}`;
    await refused(token, byId(tampered), "UNKNOWN_OPERATION");
    await refused(token, byId(operationId("query Anything { children { edges { node { id } } } }")), "UNKNOWN_OPERATION");
  });

  it("refuses no id at all, a wrong version, another operation name, a GET, and a PARTNER token naming no agency", async () => {
    const token = await keys.partnerToken("county-police");
    const own = police()[0]!;
    await refused(token, { variables: {} }, "NOT_PERSISTED");
    await refused(token, { extensions: { persistedQuery: { version: 2, sha256Hash: own.id } } }, "NOT_PERSISTED");
    await refused(token, { ...byId(own.id), operationName: "SomethingElse" }, "OPERATION_NAME");
    const get = await fetch(`${gateway.url}?extensions=${encodeURIComponent(JSON.stringify(byId(own.id).extensions))}`, {
      headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "1" },
    });
    expect(get.status).toBe(405);
    expect(((await get.json()) as Answer).errors?.[0]?.extensions).toMatchObject({ code: "PERSISTED_QUERY_NOT_ALLOWED", reason: "METHOD" });
    await refused(await keys.partnerToken("made-up-agency"), byId(own.id), "NO_AGENCY");
    await refused(await keys.partnerToken("county-police", { userId: "someone-else" }), byId(own.id), "NO_AGENCY");
  });

  it("counts every refusal per agency and reason for alerting (a refusal names no child, so no child's audit trail holds it)", async () => {
    const count = async (labels: string) => {
      const res = await fetch(gateway.url.replace(/\/graphql$/, "/metrics"), { headers: { authorization: "Bearer test-metrics-token" } });
      const line = (await res.text()).split("\n").find((l) => l.startsWith(`partner_requests_refused_total{${labels}`));
      return line ? Number(line.split(" ").at(-1)) : 0;
    };
    const [text, nobody] = ['partner="riverside-school",reason="QUERY_TEXT"', 'partner="unknown",reason="NO_AGENCY"'];
    const before = { text: await count(text), nobody: await count(nobody) };
    const token = await keys.partnerToken("riverside-school");
    await refused(token, { query: "{ children { edges { node { id } } } }" }, "QUERY_TEXT");
    await refused(token, { query: "{ __typename }" }, "QUERY_TEXT");
    // A token naming an agency CareGraph does not know is counted as "unknown" (labels stay bounded).
    await refused(await keys.partnerToken("another-made-up-agency"), byId(school()[0]!.id), "NO_AGENCY");
    expect({ text: await count(text), nobody: await count(nobody) }).toEqual({ text: before.text + 2, nobody: before.nobody + 1 });
  });

  it("practitioners keep what they had: query text, and APQ registration by hash", async () => {
    const token = await keys.token({ userId: `sw-${Date.now()}` });
    const text = await send(token, { query: "{ __typename }" });
    expect(text.body.data).toEqual({ __typename: "Query" });
    const query = "{ __schema { queryType { name } } }";
    const registered = await send(token, { query, ...byId(operationId(query)) });
    expect(registered.status).toBe(200);
    const apq = await send(token, byId(operationId(query)));
    expect(apq.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    // …and a practitioner's registered hash is no door for a partner.
    await refused(await keys.partnerToken("county-police"), byId(operationId(query)), "UNKNOWN_OPERATION");
  });
});

describe("a partner agency's rate limit (Redis)", () => {
  it("is its own, per agency: 429 with Retry-After once it is used up, another agency unaffected", async () => {
    const limited = await startGateway(
      loadGatewayConfig({
        PORT: "0",
        JWT_PUBLIC_KEY: keys.publicKeyPem,
        LOG_LEVEL: "silent",
        METRICS_PORT: "off",
        REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
        PARTNER_RATE_LIMIT_PER_MINUTE: "2",
      }),
      Object.fromEntries(SUBGRAPHS.map(({ name }) => [urlVariable(name), "http://127.0.0.1:9/graphql"])),
    );
    try {
      // The limit is per agency and local authority: a local authority of this run's own keeps runs apart.
      const tenant = `E06${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
      const post = async (partner: string) =>
        fetch(limited.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${await keys.partnerToken(partner, { tenant })}` },
          body: JSON.stringify(byId("0".repeat(64))),
        });
      // Two tokens of the same agency share its limit.
      const statuses = [(await post("county-police")).status, (await post("county-police")).status];
      const third = await post("county-police");
      expect([...statuses, third.status]).toEqual([403, 403, 429]);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await third.json()) as Answer).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect((await post("riverside-school")).status).toBe(403);
    } finally {
      await limited.stop();
    }
  });
});
