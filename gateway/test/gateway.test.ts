import { testKeys, TestKeys } from "@caregraph/platform/testing";
import { loadGatewayConfig } from "../src/config";
import { startGateway } from "../src/server";

/** The gateway's own front door: no subgraph is needed for these answers. */
let keys: TestKeys;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  keys = await testKeys();
  gateway = await startGateway(
    loadGatewayConfig({
      PORT: "0",
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      RATE_LIMIT_PER_MINUTE: "3",
      MAX_ALIASES: "5",
      LOG_LEVEL: "silent",
    }),
  );
});

afterAll(() => gateway?.stop());

const post = (token: string | null, query: string, headers: Record<string, string> = {}) =>
  fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query }),
  });

it("answers 401 naming the problem when there is no token or a forged one", async () => {
  const none = await post(null, "{ __typename }");
  expect(none.status).toBe(401);
  expect(((await none.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/Bearer/);
  const forged = await post(await (await testKeys()).token(), "{ __typename }");
  expect(forged.status).toBe(401);
});

it("refuses a query with more aliases than the limit", async () => {
  const token = await keys.token({ userId: `aliases-${Date.now()}` });
  const aliases = Array.from({ length: 6 }, (_, i) => `c${i}: child(id: "${i}") { id }`).join(" ");
  const res = await post(token, `{ ${aliases} }`);
  const body = (await res.json()) as { errors?: { message: string }[] };
  expect(body.errors?.[0]?.message).toMatch(/alias/i);
});

it("limits each user per minute (in Redis) and says when to retry", async () => {
  const token = await keys.token({ userId: `busy-${Date.now()}` });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await post(token, "{ __typename }")).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
  const other = await keys.token({ userId: `calm-${Date.now()}` });
  expect((await post(other, "{ __typename }")).status).toBe(200);
  const limited = await post(token, "{ __typename }");
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
});

it("keeps a caller's request id, and makes one when there is none", async () => {
  const token = await keys.token({ userId: `trace-${Date.now()}` });
  expect((await post(token, "{ __typename }", { "x-request-id": "abc-123" })).headers.get("x-request-id")).toBe("abc-123");
  expect((await post(token, "{ __typename }")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
});

it("serves liveness without a token, and metrics only on the metrics port (not the public one)", async () => {
  const base = gateway.url.replace(/\/graphql$/, "");
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect((await fetch(`${base}/metrics`)).status).toBe(404);
  expect(await (await fetch(gateway.metricsUrl!)).text()).toContain("http_request_duration_seconds");
});
