import { useSubgraphs } from "./use-subgraphs";
import { SUBGRAPHS } from "../src/subgraphs";
import { ABUSIVE, HEAVIEST_PAGE } from "./queries";

/**
 * The gateway's query limits against the real subgraphs (children, placements, health on fresh
 * PostgreSQL databases and a Kafka-protocol broker): the heaviest realistic page is answered, and
 * each refusal names its limit with the numbers, as HTTP 400.
 */
const graph = useSubgraphs(SUBGRAPHS.map((s) => s.name));

type Answer = { data?: { children?: { edges: unknown[] } }; errors?: { message: string; extensions?: Record<string, unknown> }[] };
async function post(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Answer }> {
  const res = await fetch(graph.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await graph.keys.token()}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

it("answers the heaviest realistic page, children(first: 100) with the usual fields, across all three subgraphs", async () => {
  const registered = await post(
    `mutation { registerChild(input: { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "2015-12-10", sex: FEMALE, lookedAfterSince: "2026-11-02", legalStatus: C2 }) { id } }`,
  );
  expect(registered.body.errors).toBeUndefined();
  const page = await post(HEAVIEST_PAGE);
  expect(page.status).toBe(200);
  expect(page.body.errors).toBeUndefined();
  expect(page.body.data?.children?.edges.length).toBeGreaterThanOrEqual(1);
  // The same page with `first` as a variable is counted at the largest page size, and still passes.
  const variable = await post(HEAVIEST_PAGE.replace("{ children(first: 100)", "query($n: Int) { children(first: $n)"), { n: 100 });
  expect(variable.body.errors).toBeUndefined();
});

it("refuses a deliberately abusive query with HTTP 400, saying 'cost limit' with the cost and the limit", async () => {
  const { status, body } = await post(ABUSIVE);
  expect(status).toBe(400);
  const [error] = body.errors ?? [];
  expect(error?.message).toMatch(/cost limit of 10000/);
  expect(error?.message).not.toMatch(/Syntax Error/);
  expect(error?.extensions).toMatchObject({ code: "COST_LIMIT", limit: 10000 });
  expect(error?.extensions?.cost).toBeGreaterThan(10000);
});

it("refuses a query nested deeper than the depth limit, naming it", async () => {
  const deep = `{ __type(name: "Child") { fields { type ${"{ ofType ".repeat(11)}{ name }${" }".repeat(11)} } } }`;
  const { status, body } = await post(deep);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.message).toMatch(/over the depth limit of 12/);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "DEPTH_LIMIT", limit: 12 });
  expect(body.errors?.[0]?.extensions?.depth).toBeGreaterThan(12);
});

it("refuses a query with more tokens than the token limit, naming it", async () => {
  const { status, body } = await post(`{ ${"__typename ".repeat(2100)}}`);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.message).toMatch(/token limit of 2000/);
  expect(body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "TOKEN_LIMIT", limit: 2000 });
});

it("refuses a query with more directives than the directive limit, naming it", async () => {
  const { status, body } = await post(`{ __typename ${"@include(if: true) ".repeat(51)}}`);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.message).toMatch(/over the directive limit of 50/);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "DIRECTIVE_LIMIT", directives: 51, limit: 50 });
});

it("still reports a real syntax error as one", async () => {
  const { status, body } = await post(`{ children(first: 1) { `);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
});
