import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isLeafType, isNonNullType, isObjectType } from "graphql";
import { now } from "@caregraph/platform/clock";
import { graphql } from "./client";
import { ROOT } from "./paths";

/**
 * A subject access request (UK GDPR Art. 15): everything every subgraph holds about one child, as
 * JSON, with the audit trail of who read or changed it. The queries are built from the composed
 * supergraph, so a field a domain adds is exported without anyone remembering to list it: one query
 * per field of `Child` (each stays inside the gateway's token and cost limits), every field without
 * required arguments, to a depth of 6, a related Child by id only.
 *
 * Not exported: `chronology` (copies of the other records, each exported at its source) and
 * `possibleDuplicates` (other children's ids). A field the caller may not read comes back as an
 * error in `notExported`, so the export says what it lacks rather than looking complete.
 */
const SKIP = new Set(["chronology"]);
const MAX_DEPTH = 6;

export function loadSupergraph(): GraphQLSchema {
  // The supergraph defines its own join/link directives, so it builds as it is; only its shape is used here.
  return buildSchema(readFileSync(join(ROOT, "schema", "supergraph.graphql"), "utf8"), { assumeValidSDL: true });
}

const exportable = (f: GraphQLField<unknown, unknown>) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);

function selection(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (!exportable(f) || f.name.startsWith("_")) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (isObjectType(named)) {
      if (named.name === "Child") parts.push(`${f.name} { id }`);
      else if (depth < MAX_DEPTH) {
        const inner = selection(named, depth + 1);
        if (inner) parts.push(`${f.name} { ${inner} }`);
      }
    }
  }
  return parts.join(" ");
}

/** One query per exported field of Child: `query($id: ID!) { child(id: $id) { <field> } }`. */
export function subjectAccessQueries(schema: GraphQLSchema): { field: string; query: string }[] {
  const child = schema.getType("Child") as GraphQLObjectType;
  return Object.values(child.getFields())
    .filter((f) => exportable(f) && !SKIP.has(f.name) && f.name !== "id")
    .map((f) => {
      const named = getNamedType(f.type);
      const inner = isObjectType(named) ? (named.name === "Child" ? "{ id }" : `{ ${selection(named, 1)} }`) : "";
      return { field: f.name, query: `query SubjectAccess($id: ID!) { child(id: $id) { ${f.name} ${inner} } }` };
    });
}

export interface SubjectAccessExport {
  childId: string;
  exportedAt: string;
  record: Record<string, unknown>;
  auditTrail: unknown[];
  notExported: { field: string; reason: string }[];
}

export async function subjectAccessExport(gatewayUrl: string, token: string, childId: string, schema = loadSupergraph()): Promise<SubjectAccessExport> {
  const record: Record<string, unknown> = { id: childId };
  const notExported: { field: string; reason: string }[] = [];
  for (const { field, query } of subjectAccessQueries(schema)) {
    const r = await graphql<{ child: Record<string, unknown> | null }>(gatewayUrl, token, query, { id: childId });
    if (r.errors?.length) notExported.push({ field, reason: r.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("; ") });
    if (r.data?.child === null && !r.errors?.length) throw new Error(`no child ${childId} that this token may see`);
    if (r.data?.child && field in r.data.child) record[field] = r.data.child[field];
  }
  const trail = await graphql<{ auditTrail: unknown[] }>(
    gatewayUrl,
    token,
    `query SubjectAccessTrail($id: ID!) { auditTrail(childId: $id) { at actor role operation kind action entity entityId service fields } }`,
    { id: childId },
  );
  if (trail.errors?.length) notExported.push({ field: "auditTrail", reason: trail.errors.map((e) => e.message).join("; ") });
  return { childId, exportedAt: now().toISOString(), record, auditTrail: trail.data?.auditTrail ?? [], notExported };
}
