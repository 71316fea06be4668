import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ForwardingDataSource, isConnectionReset } from "../src/data-source";

/**
 * A subgraph that closes a connection as the gateway reuses it: the request fails with a reset
 * before the subgraph read it. The data source sends it once more only when that is harmless.
 */
let server: Server;
let url: string;
let resetsLeft = 0;
let seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push(body);
      if (resetsLeft > 0) {
        resetsLeft -= 1;
        req.socket.destroy(); // what a subgraph closing an idle keep-alive socket looks like
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen = [];
  resetsLeft = 0;
});

const send = (query: string, headers: Record<string, string> = {}) =>
  new ForwardingDataSource({ url }).fetcher(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables: {} }),
  });

it("a query whose connection was reset is sent once more and answered", async () => {
  resetsLeft = 1;
  const response = await send("query ChildRecord { child(id: 1) { id } }");
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { ok: true } });
  expect(seen).toHaveLength(2);
});

it("a mutation without an Idempotency-Key is not sent twice: the reset reaches the caller", async () => {
  resetsLeft = 1;
  const error = await send("mutation { registerChild { id } }").catch((e: unknown) => e);
  expect(isConnectionReset(error)).toBe(true);
  expect(seen).toHaveLength(1);
});

it("a mutation with an Idempotency-Key is sent once more (the subgraph answers a repeat from its record)", async () => {
  resetsLeft = 1;
  const response = await send("mutation { registerChild { id } }", { "idempotency-key": "k-1" });
  expect(response.status).toBe(200);
  expect(seen).toHaveLength(2);
});

it("only once: a second reset reaches the caller", async () => {
  resetsLeft = 2;
  const error = await send("{ child(id: 1) { id } }").catch((e: unknown) => e);
  expect(isConnectionReset(error)).toBe(true);
  expect(seen).toHaveLength(2);
});
