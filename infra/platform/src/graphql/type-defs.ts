import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentNode } from "graphql";
import gql from "graphql-tag";

/** A service's GraphQL schema: `schema.graphql` at the root of its folder. */
export function readTypeDefs(serviceDir: string): DocumentNode {
  return gql(readFileSync(join(serviceDir, "schema.graphql"), "utf8"));
}
