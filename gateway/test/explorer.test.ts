import { testKeys, TestKeys } from "@caregraph/platform/testing";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadGatewayConfig } from "../src/config";
import { EXPLORER_DIR } from "../src/explorer";
import { startGateway } from "../src/server";

/**
 * The bundled GraphiQL at /explorer (built into gateway/dist/explorer by `npm run build`): static
 * files from this origin only, and nothing of the schema or data without a token.
 */
let keys: TestKeys;
let gateway: Awaited<ReturnType<typeof startGateway>>;
const base = () => gateway.url.replace(/\/graphql$/, "");

beforeAll(async () => {
  if (!existsSync(join(EXPLORER_DIR, "index.html"))) throw new Error(`${EXPLORER_DIR} is missing: run \`npm run build -w @caregraph/gateway\` first`);
  keys = await testKeys();
  gateway = await startGateway(loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: keys.publicKeyPem, LOG_LEVEL: "silent", METRICS_PORT: "off" }), {});
});
afterAll(() => gateway?.stop());

it("serves the page and its bundle from the gateway itself: no CDN, a strict content security policy", async () => {
  const page = await fetch(`${base()}/explorer/`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toMatch(/text\/html/);
  expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'.*connect-src 'self'.*frame-ancestors 'none'/);
  const html = await page.text();
  expect(html).toContain('src="./explorer.js"');
  expect(html).not.toMatch(/https?:\/\//);
  const bundle = await fetch(`${base()}/explorer/explorer.js`);
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get("content-type")).toMatch(/javascript/);
  const js = await bundle.text();
  expect(js).toContain("graphiql");
  expect(js).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|esm\.sh/);
  expect((await fetch(`${base()}/explorer/explorer.css`)).status).toBe(200);
  // /explorer without the slash lands on the page.
  expect((await fetch(`${base()}/explorer`, { redirect: "manual" })).headers.get("location")).toBe("/explorer/");
});

it("the page holds no schema: its documentation comes from /graphql, which needs the token pasted into its headers", async () => {
  const html = await (await fetch(`${base()}/explorer/`)).text();
  expect(html).not.toMatch(/healthAssessments|__schema/);
  const introspect = (headers: Record<string, string>) =>
    fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }) });
  expect((await introspect({})).status).toBe(401);
  expect((await introspect({ authorization: `Bearer ${await keys.token()}` })).status).toBe(200);
});

it("EXPLORER=false serves no page", async () => {
  const off = await startGateway(loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: keys.publicKeyPem, LOG_LEVEL: "silent", METRICS_PORT: "off", EXPLORER: "false" }), {});
  try {
    expect((await fetch(`${off.url.replace(/\/graphql$/, "")}/explorer/`)).status).toBe(404);
  } finally {
    await off.stop();
  }
});
