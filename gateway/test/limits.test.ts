import { buildSchema, Kind, OperationDefinitionNode, parse } from "graphql";
import { readFileSync } from "node:fs";
import { SUPERGRAPH_FILE } from "../src/compose";
import { loadGatewayConfig } from "../src/config";
import { formatLimitError, operationCost } from "../src/limits";
import { MAX_PAGE_SIZE } from "../src/subgraphs";
import { ABUSIVE, HEAVIEST_PAGE } from "./queries";

const schema = buildSchema(readFileSync(SUPERGRAPH_FILE, "utf8"));
const cost = (query: string) => {
  const doc = parse(query);
  const fragments = Object.fromEntries(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));
  return operationCost(doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode, fragments, schema, {
    maxPageSize: MAX_PAGE_SIZE,
  });
};

const DEFAULT_LIMIT = loadGatewayConfig({ JWT_PUBLIC_KEY: "k" }).MAX_COST;

describe("the cost limit agrees with the page size", () => {
  it("the heaviest realistic page, children(first: 100) with the usual fields, costs 7831.25: under the default limit", () => {
    expect(cost(HEAVIEST_PAGE)).toBe(7831.25);
    expect(DEFAULT_LIMIT).toBe(10_000);
    expect(cost(HEAVIEST_PAGE)).toBeLessThan(DEFAULT_LIMIT);
  });

  it("the same page with the bare list fields costs what graphql-armor's model says (6856.25)", () => {
    expect(
      cost(`{ children(first: 100) { edges { node { id firstName lastName dateOfBirth legalStatus { code } currentPlacement { type } healthAssessments { kind dueDate status } } } } }`),
    ).toBe(6856.25);
  });

  it("a deliberately abusive query costs more than the limit", () => {
    expect(cost(ABUSIVE)).toBeGreaterThan(DEFAULT_LIMIT);
  });

  it("a page size given as a variable counts as the largest page the subgraphs allow; none given, as the schema default (20)", () => {
    const page = (first: string) => `query($n: Int) { children${first} { edges { node { id } } } }`;
    expect(cost(page("(first: $n)"))).toBe(cost(page(`(first: ${MAX_PAGE_SIZE})`)));
    expect(cost(page(""))).toBe(cost(page("(first: 20)")));
  });

  it("fragments cost what the fields they stand for cost (flattened), so the heaviest page written with one still passes", () => {
    const inline = cost(`{ children(first: 10) { edges { node { id firstName } } } }`);
    expect(cost(`{ children(first: 10) { edges { node { ...N } } } } fragment N on Child { id firstName }`)).toBe(inline);
    expect(cost(`{ children(first: 10) { edges { node { ... on Child { id firstName } } } } }`)).toBe(inline);
    const withFragment = `{ children(first: 100) { edges { cursor node { ...Row } } pageInfo { hasNextPage endCursor } } }
      fragment Row on Child { id firstName lastName dateOfBirth legalStatus { code } currentPlacement { type } healthAssessments { kind dueDate status } }`;
    expect(cost(withFragment)).toBe(cost(HEAVIEST_PAGE));
  });
});

describe("a refused limit says which", () => {
  it("graphql-js's token abort becomes TOKEN_LIMIT naming the token limit", () => {
    const f = formatLimitError({ message: "Syntax Error: Document contains more that 2000 tokens. Parsing aborted.", extensions: { code: "GRAPHQL_PARSE_FAILED" } }, null);
    expect(f.message).toMatch(/token limit of 2000/);
    expect(f.message).not.toMatch(/Syntax Error/);
    expect(f.extensions).toEqual({ code: "TOKEN_LIMIT", limit: 2000 });
  });
});
