import { isPartner, PARTNER_NAMES } from "@caregraph/platform";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse, print, visit } from "graphql";

/**
 * Partner agencies' persisted operations (issue 11), in the ecosystem's format: an Apollo
 * persisted query manifest (`apollo-persisted-query-manifest`, version 1) per partner, generated
 * from the `.graphql` files in schema/partners/<partner>/ (`npm run partners:manifests`) and
 * committed as schema/persisted-queries/<partner>.json. An operation's id is the SHA-256 of its
 * body; every operation carries its partner as `clientName`, so nothing falls back to a shared list.
 */
export const ROOT = join(__dirname, "..", "..", "..");
export const PARTNER_OPERATIONS_DIR = join(ROOT, "schema", "partners");
export const MANIFESTS_DIR = join(ROOT, "schema", "persisted-queries");

export interface PersistedOperation {
  id: string;
  body: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  clientName: string;
}

export interface Manifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: PersistedOperation[];
}

export const operationId = (body: string): string => createHash("sha256").update(body).digest("hex");

/** The fragments an operation uses, directly or through other fragments. */
function fragmentsUsedBy(node: OperationDefinitionNode | FragmentDefinitionNode, all: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      const fragment = all.get(name);
      if (!fragment) throw new Error(`fragment ${name} is used but not defined`);
      seen.add(name);
      fragmentsUsedBy(fragment, all, seen);
    },
  });
  return seen;
}

/**
 * One partner's manifest from its documents (file name → text). Each operation is named, unique
 * within the partner, and printed with the fragments it uses (sorted), so its body — and id — do
 * not depend on how the files are laid out or formatted.
 */
export function buildManifest(partner: string, files: Record<string, string>): Manifest {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    let doc: DocumentNode;
    try {
      doc = parse(text);
    } catch (e) {
      throw new Error(`${partner}/${file}: ${(e as Error).message}`);
    }
    for (const d of doc.definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(d.name.value)) throw new Error(`${partner}/${file}: fragment ${d.name.value} is defined twice`);
        fragments.set(d.name.value, d);
      } else if (d.kind === Kind.OPERATION_DEFINITION) {
        if (!d.name) throw new Error(`${partner}/${file}: every operation needs a name (it is what the partner and Studio see)`);
        operations.push(d);
      } else {
        throw new Error(`${partner}/${file}: only operations and fragments belong here`);
      }
    }
  }
  const names = new Set<string>();
  const out = operations.map((op): PersistedOperation => {
    const name = op.name!.value;
    if (names.has(name)) throw new Error(`${partner}: operation ${name} is defined twice`);
    names.add(name);
    const used = [...fragmentsUsedBy(op, fragments)].sort().map((f) => fragments.get(f)!);
    const body = print({ kind: Kind.DOCUMENT, definitions: [op, ...used] });
    return { id: operationId(body), body, name, type: op.operation, clientName: partner };
  });
  return { format: "apollo-persisted-query-manifest", version: 1, operations: out.sort((a, b) => a.name.localeCompare(b.name)) };
}

export const manifestText = (m: Manifest): string => `${JSON.stringify(m, null, 2)}\n`;

/** Every partner's manifest, as generated from schema/partners/ now (folder name = partner). */
export function generateManifests(dir = PARTNER_OPERATIONS_DIR): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const partner of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    if (!isPartner(partner)) throw new Error(`schema/partners/${partner}: not a partner agency (infra/platform/src/auth/partners.ts names ${PARTNER_NAMES.join(", ")})`);
    const files = Object.fromEntries(
      readdirSync(join(dir, partner))
        .filter((f) => f.endsWith(".graphql"))
        .map((f) => [f, readFileSync(join(dir, partner, f), "utf8")]),
    );
    out.set(partner, buildManifest(partner, files));
  }
  return out;
}

/** A partner's manifest as committed (schema/persisted-queries/<partner>.json); null when there is none. */
export function readManifest(partner: string, dir = MANIFESTS_DIR): Manifest | null {
  const file = join(dir, `${partner}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : null;
}
