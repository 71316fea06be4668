import { useSubgraphs } from "./use-subgraphs";

/**
 * Invalid input through the gateway to a real subgraph (children): BAD_USER_INPUT naming the field
 * and rule — never INTERNAL_SERVER_ERROR with the subgraph's URL, status and body.
 */
const graph = useSubgraphs(["children"]);
const children = () => graph.subgraphs.get("children")!;

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
async function post(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; text: string; body: Answer }> {
  const res = await fetch(graph.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await graph.keys.token()}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Answer };
}

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
const input = (o: Record<string, unknown>) => ({ firstName: "Ivy", lastName: "Gate", dateOfBirth: "2016-01-01", sex: "FEMALE", ...o });
/** Nothing about the subgraph: no address, port, status line, body, service name. */
const noLeak = (text: string) => {
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\/|"response"|serviceName|statusText|400: Bad Request|INTERNAL_SERVER_ERROR|Did you mean/);
  expect(text).not.toContain(new URL(children().url).port);
};

it("an impossible Date in a variable (2015-02-30) is BAD_USER_INPUT naming the field and rule", async () => {
  const { text, body } = await post(REGISTER, { input: input({ dateOfBirth: "2015-02-30" }) });
  noLeak(text);
  expect(body.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.dateOfBirth", rule: "DATE_EXISTS" });
  expect(body.errors?.[0]?.message).toMatch(/February 2015 has 28 days/);
});

it("an object, a number or a bare string given for a Date is BAD_USER_INPUT (DATE_FORMAT)", async () => {
  for (const dateOfBirth of [{ year: 2015 }, 20150210, "yesterday", ["2015-02-10"]]) {
    const { text, body } = await post(REGISTER, { input: input({ dateOfBirth }) });
    noLeak(text);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dateOfBirth" });
  }
});

it("an impossible Date written in the document is BAD_USER_INPUT too", async () => {
  const { text, body } = await post(`mutation { registerChild(input: { firstName: "Ivy", lastName: "Gate", dateOfBirth: "2015-02-30", sex: FEMALE }) { id } }`);
  noLeak(text);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "DATE_EXISTS" });
});

it("an unknown enum value: BAD_USER_INPUT, and no suggestion of the right one", async () => {
  const { text, body } = await post(REGISTER, { input: input({ sex: "FEMAL" }) });
  noLeak(text);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sex" });
});

it("a wildcard search and a foreign cursor through the gateway are BAD_USER_INPUT", async () => {
  for (const name of ["%", "_"]) {
    const { text, body } = await post(`query($s: ChildSearchInput) { children(search: $s) { edges { cursor } } }`, { s: { name } });
    noLeak(text);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "search.name", rule: "SEARCH_WORDS" });
  }
  const { text, body } = await post(`query($a: String) { children(after: $a) { edges { cursor } } }`, { a: "bm90LW91cnM" });
  noLeak(text);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after", rule: "CURSOR" });
});

it("a resolver's own refusal keeps its field and rule, and loses the service name", async () => {
  const { text, body } = await post(REGISTER, { input: input({ dateOfBirth: "2099-01-01" }) });
  noLeak(text);
  expect(body.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.dateOfBirth", rule: "NOT_IN_FUTURE" });
});
