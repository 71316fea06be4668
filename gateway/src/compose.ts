import { composeServices } from "@apollo/composition";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import gql from "graphql-tag";
import { SUBGRAPHS } from "./subgraphs";

export const ROOT = join(__dirname, "..", "..");
export const SUPERGRAPH_FILE = join(ROOT, "schema", "supergraph.graphql");

/**
 * Composes every subgraph's schema.graphql into the supergraph with @apollo/composition (pure JS,
 * offline). URLs in the file are the npm-start defaults; the gateway overrides them from
 * CHILDREN_URL etc. at run time.
 */
export function composeSupergraph(): string {
  return compose().supergraphSdl;
}

/** Composition with its hints (e.g. inconsistent descriptions of a shared type across subgraphs). */
export function compose(): { supergraphSdl: string; hints: string[] } {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: gql(readFileSync(join(ROOT, "services", name, "schema.graphql"), "utf8")),
    })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  ${e.message}`).join("\n")}`);
  }
  return { supergraphSdl: `${result.supergraphSdl.trim()}\n`, hints: (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`) };
}

if (require.main === module) {
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
}
