import { Report, Trace } from "@apollo/usage-reporting-protobuf";
import type { ServiceDefinition } from "@caregraph/platform";
import { startTestBroker, startTestService, testKeys, TestKeys, TestService } from "@caregraph/platform/testing";
import type { MockKafkaCluster } from "@caregraph/kafka-mock";
import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadGatewayConfig } from "../src/config";
import { readManifest } from "../src/persisted/manifest";
import { startGateway } from "../src/server";

/**
 * Developers through Apollo Studio: the gateway's usage reports, sent to a local HTTP server
 * standing in for Studio's ingress (APOLLO_USAGE_REPORTING_ENDPOINT) and decoded as Studio would
 * (gzipped protobuf, @apollo/usage-reporting-protobuf). A real children subgraph answers, so the
 * trace carries the subgraph's own (ftv1).
 */
let broker: MockKafkaCluster;
let keys: TestKeys;
let subgraph: TestService<unknown>;
let ingress: Server;
let received: { headers: IncomingHttpHeaders; report: Report }[] = [];
let endpoint: string;

beforeAll(async () => {
  broker = await startTestBroker();
  keys = await testKeys();
  // The children subgraph from its source, as limits-gateway.test.ts does (the gateway does not depend on the services' packages).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { children } = require(join(__dirname, "..", "..", "services", "children", "src", "service")) as { children: ServiceDefinition<never, never> };
  subgraph = await startTestService(children, { brokers: broker.bootstrapServers, publicKeyPem: keys.publicKeyPem });
  ingress = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, report: Report.decode(gunzipSync(Buffer.concat(chunks))) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => ingress.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(ingress.address() as AddressInfo).port}/api/ingress/traces`;
}, 60_000);

afterAll(async () => {
  await subgraph?.stop();
  await broker?.stop();
  await new Promise((r) => ingress?.close(r));
});

beforeEach(() => {
  received = [];
});

async function gatewayWith(env: Record<string, string>) {
  return startGateway(loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: keys.publicKeyPem, LOG_LEVEL: "silent", METRICS_PORT: "off", ...env }), { CHILDREN_URL: subgraph.url });
}
const post = (url: string, token: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

const LIST = "query CaseloadForStudio($first: Int) { children(first: $first) { edges { node { id firstName dateOfBirth } } } }";

it("with APOLLO_KEY and APOLLO_GRAPH_REF, usage reports reach the endpoint: operation names, field usage, traces with the subgraph's", async () => {
  const gw = await gatewayWith({ APOLLO_KEY: "service:caregraph:test-key-0123", APOLLO_GRAPH_REF: "caregraph@test", APOLLO_USAGE_REPORTING_ENDPOINT: endpoint });
  const practitioner = await keys.token();
  expect((await post(gw.url, practitioner, { query: LIST, variables: { first: 3 } })).status).toBe(200);
  const police = readManifest("county-police")!.operations.find((o) => o.name === "MissingEpisodesOfSharedChildren")!;
  expect((await post(gw.url, await keys.partnerToken("county-police"), { extensions: { persistedQuery: { version: 1, sha256Hash: police.id } } })).status).toBe(200);
  await gw.stop(); // stopping sends what is left

  expect(received.length).toBeGreaterThan(0);
  expect(received[0]!.headers["x-api-key"]).toBe("service:caregraph:test-key-0123");
  const reports = received.map((r) => r.report);
  expect(reports[0]!.header?.graphRef).toBe("caregraph@test");
  const perQuery = Object.assign({}, ...reports.map((r) => r.tracesPerQuery));
  const keysSeen = Object.keys(perQuery);
  expect(keysSeen.some((k) => k.startsWith("# CaseloadForStudio\n"))).toBe(true);
  expect(keysSeen.some((k) => k.startsWith("# MissingEpisodesOfSharedChildren\n"))).toBe(true);

  const caseload = perQuery[keysSeen.find((k) => k.startsWith("# CaseloadForStudio\n"))!];
  expect(caseload.referencedFieldsByType.Child.fieldNames).toEqual(expect.arrayContaining(["id", "firstName", "dateOfBirth"]));
  expect(caseload.referencedFieldsByType.Query.fieldNames).toEqual(["children"]);
  const trace: Trace = caseload.trace[0];
  // The gateway's query plan, with the children subgraph's own trace inside its fetch.
  expect(trace.queryPlan?.fetch?.serviceName).toBe("children");
  expect(trace.queryPlan?.fetch?.trace?.root).toBeTruthy();
  // Nothing personal: no variable values, no headers (the token).
  expect(JSON.stringify(trace.details ?? {})).not.toContain("3");
  expect(trace.http?.requestHeaders ?? {}).toEqual({});

  // A partner agency's requests are reported under its name.
  const partnerTrace: Trace = perQuery[keysSeen.find((k) => k.startsWith("# MissingEpisodesOfSharedChildren\n"))!].trace[0];
  expect(partnerTrace.clientName).toBe("county-police");
}, 60_000);

it("without them nothing leaves the machine, even with the endpoint set and a key in the process's environment", async () => {
  const saved = { key: process.env.APOLLO_KEY, ref: process.env.APOLLO_GRAPH_REF };
  process.env.APOLLO_KEY = "service:caregraph:stray-key";
  process.env.APOLLO_GRAPH_REF = "caregraph@stray";
  try {
    const gw = await gatewayWith({ APOLLO_USAGE_REPORTING_ENDPOINT: endpoint });
    expect((await post(gw.url, await keys.token(), { query: LIST, variables: { first: 1 } })).status).toBe(200);
    await gw.stop();
  } finally {
    for (const [name, value] of [["APOLLO_KEY", saved.key], ["APOLLO_GRAPH_REF", saved.ref]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  expect(received).toEqual([]);
});

it("half a Studio configuration stops start-up, naming what is missing", () => {
  expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: "k", APOLLO_KEY: "service:x:y" })).toThrow(/APOLLO_GRAPH_REF: is required with APOLLO_KEY/);
  expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: "k", APOLLO_GRAPH_REF: "caregraph@production" })).toThrow(/APOLLO_KEY: is required with APOLLO_GRAPH_REF/);
  expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: "k", APOLLO_KEY: "service:x:y", APOLLO_GRAPH_REF: "no-variant" })).toThrow(/APOLLO_GRAPH_REF/);
});
