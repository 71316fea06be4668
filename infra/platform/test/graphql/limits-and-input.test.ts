import { buildSchema, FragmentDefinitionNode, OperationDefinitionNode, parse } from "graphql";
import { checkInputStrings, fieldSuggestions, metricsPort, operationLabeller, queryLimitRules, routeLabeller, TEXT_LIMITS, loadServiceConfig } from "../../src";
import { operationCounts, operationDepth } from "../../src/graphql/limits";
import { validate } from "graphql";

const schema = buildSchema(`type Query { a: A, n: Int } type A { b: A, n: Int }`);
const limits = { maxDepth: 4, maxAliases: 2, maxCost: 1000, maxTokens: 2000, maxPageSize: 100 };
const refusals = (q: string) => validate(schema, parse(q), queryLimitRules(limits)).map((e) => e.extensions.code);

describe("the shared query limits (gateway and every subgraph)", () => {
  it("counts depth as graphql-armor does, fragments flattened", () => {
    const doc = parse(`{ a { b { n } } ...F } fragment F on Query { a { b { b { n } } } }`);
    const op = doc.definitions[0] as OperationDefinitionNode;
    expect(operationDepth(op.selectionSet, { F: doc.definitions[1] as FragmentDefinitionNode })).toBe(4);
    expect(refusals(`{ a { b { b { b { n } } } } }`)).toEqual(["DEPTH_LIMIT"]);
    expect(refusals(`{ a { b { b { n } } } }`)).toEqual([]);
  });

  it("counts aliases and directives, fragments where spread", () => {
    const doc = parse(`{ x: n ...F ...F } fragment F on Query { y: n @include(if: true) }`);
    const op = doc.definitions[0] as OperationDefinitionNode;
    expect(operationCounts(op.selectionSet, { F: doc.definitions[1] as FragmentDefinitionNode })).toEqual({ aliases: 3, directives: 2 });
    expect(refusals(`{ x: n y: n z: n }`)).toEqual(["ALIAS_LIMIT"]);
  });

  it("measures an exponential fragment fan-out in linear time", () => {
    const chain = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(" ");
    // 2^60 visits would never finish: completing at all (within jest's timeout) is the proof.
    const codes = refusals(`{ ...F0 } ${chain} fragment F60 on Query { n }`);
    expect(codes).toContain("COST_LIMIT");
  });

  it("are configured by the same variables at every subgraph, with the gateway's defaults", () => {
    const c = loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k" });
    expect([c.MAX_DEPTH, c.MAX_ALIASES, c.MAX_COST, c.MAX_TOKENS]).toEqual([12, 30, 10_000, 2000]);
    // No "Did you mean" unless asked for, or in development.
    expect(fieldSuggestions(c, {})).toBe(false);
    expect(fieldSuggestions(c, { NODE_ENV: "production" })).toBe(false);
    expect(fieldSuggestions(c, { NODE_ENV: "development" })).toBe(true);
    expect(fieldSuggestions(loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k", FIELD_SUGGESTIONS: "false" }), { NODE_ENV: "development" })).toBe(false);
  });
});

describe("strings checked before execution", () => {
  const refusal = (q: string, v?: Record<string, unknown>) => {
    try {
      checkInputStrings(parse(q), v);
      return "accepted";
    } catch (e) {
      const { field, rule } = (e as { extensions: { field: string; rule: string } }).extensions;
      return `${field} ${rule}`;
    }
  };
  it("refuses a NUL byte in a literal, a variable, a nested object, a list, a key", () => {
    expect(refusal(`{ f(id: "a\\u0000") }`)).toBe("id NO_NUL");
    expect(refusal(`query($i: I) { f(input: $i) }`, { i: { note: "x\u0000" } })).toBe("input.note NO_NUL");
    expect(refusal(`{ f(input: { tags: ["ok", "no\\u0000"] }) }`)).toBe("input.tags.1 NO_NUL");
    expect(refusal(`query($i: I) { f(input: $i) }`, { i: { ["k\u0000"]: 1 } })).toBe("input.<key> NO_NUL");
    expect(refusal(`query($unused: String) { f }`, { unused: "\u0000" })).toBe("unused NO_NUL");
    expect(refusal(`{ f(id: "fine") }`)).toBe("accepted");
  });
  it("refuses any string over the free-text limit", () => {
    expect(TEXT_LIMITS).toEqual({ NAME_MAX: 100, FREE_TEXT_MAX: 10_000 });
    expect(refusal(`query($n: String) { f(note: $n) }`, { n: "x".repeat(10_001) })).toBe("note MAX_LENGTH");
    expect(refusal(`query($n: String) { f(note: $n) }`, { n: "x".repeat(10_000) })).toBe("accepted");
  });
});

describe("metrics", () => {
  it("label operations and routes from a bounded set", () => {
    const label = operationLabeller(["children", "registerChild"]);
    expect([label("children"), label("registerChild__children__0"), label("Made_Up_123"), label(undefined)]).toEqual(["children", "registerChild", "other", "anonymous"]);
    expect(routeLabeller(["/graphql"])("/random-1")).toBe("other");
  });
  it("are served off the public port: PORT + 5000 by default, METRICS_PORT or off", () => {
    expect(metricsPort({ PORT: 4000 })).toBe(9000);
    expect(metricsPort({ PORT: 0 })).toBe(0);
    expect(metricsPort({ PORT: 4000, METRICS_PORT: 9464 })).toBe(9464);
    expect(metricsPort({ PORT: 4000, METRICS_PORT: "off" })).toBeNull();
    expect(() => loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k", METRICS_PORT: "nine" })).toThrow(/METRICS_PORT/);
    expect(() => loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k", METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
  });
});
