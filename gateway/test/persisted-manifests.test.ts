import { Supergraph } from "@apollo/federation-internals";
import { AccessDomain, fieldsOf, mayReadField, PARTNER_NAMES, PARTNERS, partnerReads } from "@caregraph/platform";
import { GraphQLSchema, NoSchemaIntrospectionCustomRule, parse, specifiedRules, TypeInfo, validate, visit, visitWithTypeInfo } from "graphql";
import gql from "graphql-tag";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SUPERGRAPH_FILE } from "../src/compose";
import { queryLimitRules } from "../src/limits";
import { buildManifest, generateManifests, manifestText, MANIFESTS_DIR, operationId, readManifest } from "../src/persisted/manifest";
import { partnerOperations } from "../src/persisted/partner-operations";
import { MAX_PAGE_SIZE, SUBGRAPHS } from "../src/subgraphs";

/**
 * The partner agencies' persisted operations (issue 11): schema/partners/<partner>/*.graphql,
 * compiled by `npm run partners:manifests` into schema/persisted-queries/<partner>.json.
 */
const schema: GraphQLSchema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, "utf8")).apiSchema().toGraphQLJSSchema();
const limits = queryLimitRules({ maxDepth: 12, maxAliases: 30, maxCost: 10_000, maxTokens: 2000, maxPageSize: MAX_PAGE_SIZE });

/** Which subgraphs (= access domains) define each `Type.field`. */
const owners = new Map<string, AccessDomain[]>();
for (const { name } of SUBGRAPHS) {
  for (const [type, fields] of fieldsOf(gql(readFileSync(join(ROOT, "services", name, "schema.graphql"), "utf8")))) {
    for (const f of fields) owners.set(`${type}.${f}`, [...(owners.get(`${type}.${f}`) ?? []), name as AccessDomain]);
  }
}

/** Every `Type.field` an operation reads. */
function fieldsRead(body: string): string[] {
  const info = new TypeInfo(schema);
  const out = new Set<string>();
  visit(
    parse(body),
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (parent && !node.name.value.startsWith("__")) out.add(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return [...out];
}

const generated = generateManifests();

describe("partner agencies' persisted query manifests", () => {
  it("are up to date: schema/persisted-queries is what `npm run partners:manifests` writes", () => {
    for (const [partner, manifest] of generated) {
      expect(readFileSync(join(MANIFESTS_DIR, `${partner}.json`), "utf8")).toBe(manifestText(manifest));
    }
  });

  it("every partner agency has operations, each with its agency as clientName and its body's SHA-256 as id", () => {
    expect([...generated.keys()].sort()).toEqual([...PARTNER_NAMES].sort());
    for (const partner of PARTNER_NAMES) {
      const manifest = readManifest(partner)!;
      expect(manifest).toMatchObject({ format: "apollo-persisted-query-manifest", version: 1 });
      expect(manifest.operations.length).toBeGreaterThanOrEqual(2);
      for (const op of manifest.operations) {
        expect(op).toEqual({ id: operationId(op.body), body: op.body, name: expect.any(String), type: "query", clientName: partner });
      }
    }
  });

  it.each(PARTNER_NAMES.map((p) => [p]))("%s: every operation validates against the supergraph, within the gateway's limits, without introspection", (partner) => {
    for (const op of readManifest(partner)!.operations) {
      const errors = validate(schema, parse(op.body), [...specifiedRules, NoSchemaIntrospectionCustomRule, ...limits]);
      expect({ op: op.name, errors: errors.map((e) => e.message) }).toEqual({ op: op.name, errors: [] });
    }
  });

  /** Whether the agency may read `Type.field` in some subgraph that defines it (its allow list, per domain). */
  const shown = (partner: string, field: string) => {
    const [type, name] = field.split(".") as [string, string];
    const agency = { userId: partner, tenant: "E09000027", roles: ["PARTNER" as const], partner };
    return (owners.get(field) ?? []).some((d) => partnerReads(partner, d) && mayReadField(agency, d, type, name));
  };

  it.each(PARTNER_NAMES.map((p) => [p]))("%s: every field its operations read is on its allow list", (partner) => {
    const refused = readManifest(partner)!.operations.flatMap((op) => fieldsRead(op.body).filter((f) => !shown(partner, f)).map((f) => `${op.name}: ${f}`));
    expect(refused).toEqual([]);
  });

  it.each(PARTNER_NAMES.map((p) => [p]))("%s: its allow list names nothing its operations do not read (it is shown no more than its job needs)", (partner) => {
    const read = new Set(readManifest(partner)!.operations.flatMap((op) => fieldsRead(op.body)));
    const unused = Object.values(PARTNERS[partner].reads as Record<string, Record<string, readonly string[]>>).flatMap((types) =>
      Object.entries(types).flatMap(([type, fields]) => fields.map((f) => `${type}.${f}`).filter((f) => !read.has(f))),
    );
    expect(unused).toEqual([]);
  });

  it("the allow-list check has teeth: a school asking for health, the police for a postcode or a child's ethnicity asked by the trust would fail it", () => {
    expect(shown("riverside-school", "Child.healthAssessments")).toBe(false);
    expect(shown("county-police", "Placement.postcode")).toBe(false);
    expect(shown("northbrook-health", "Child.upn")).toBe(false);
    expect(shown("northbrook-health", "Child.ethnicity")).toBe(false);
    expect(shown("northbrook-health", "HealthAssessment.note")).toBe(false);
    expect(shown("northbrook-health", "Child.healthAssessments")).toBe(true);
    expect(shown("county-police", "Child.ethnicity")).toBe(true);
  });

  it("an operation's id does not depend on how its files are laid out, and bad documents are refused with the file named", () => {
    const one = buildManifest("county-police", { "a.graphql": "query A { children { edges { node { ...F } } } } fragment F on Child { id }" });
    const two = buildManifest("county-police", { "b.graphql": "fragment F on Child {\n id\n}", "a.graphql": "query A {children{edges{node{...F}}}}" });
    expect(two.operations[0]!.id).toBe(one.operations[0]!.id);
    expect(() => buildManifest("county-police", { "x.graphql": "{ children { edges { node { id } } } }" })).toThrow(/x\.graphql: every operation needs a name/);
    expect(() => buildManifest("county-police", { "x.graphql": "query A { child(id: 1) { ...Missing } }" })).toThrow(/Missing is used but not defined/);
    expect(() => buildManifest("county-police", { "x.graphql": "query A { " })).toThrow(/county-police\/x\.graphql/);
  });

  it("the gateway refuses to start on a manifest that is not what it claims", () => {
    const good = readManifest("county-police")!;
    const op = good.operations[0]!;
    const variant = (ops: typeof good.operations) => () => partnerOperations(schema, (p) => (p === "county-police" ? { ...good, operations: ops } : readManifest(p)));
    expect(variant(good.operations)).not.toThrow();
    expect(variant([{ ...op, body: `${op.body} ` }])).toThrow(/not the SHA-256 of its body/);
    expect(variant([{ ...op, clientName: "riverside-school" }])).toThrow(/belongs to client "riverside-school"/);
    const write = "mutation Rename { archiveChild(id: \"x\") { id } }";
    expect(variant([{ ...op, id: operationId(write), body: write, type: "mutation" }])).toThrow(/partner agencies only read/);
    const introspect = "query Peek { __schema { types { name } } }";
    expect(variant([{ ...op, id: operationId(introspect), body: introspect, name: "Peek" }])).toThrow(/does not validate/);
  });
});
