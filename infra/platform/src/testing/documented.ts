import type { DocumentNode } from "graphql";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";

const BUILT_IN = new Set(["String", "Int", "Float", "Boolean", "ID", "FieldSet"]);
const ROOTS = new Set(["Query", "Mutation", "Subscription"]);

/**
 * Every type, field, argument and enum value a subgraph declares says what it means — a client
 * building a form needs the labels (DfE codes with their DfE wording). Returns the undocumented
 * ones as "Type.field(arg)" paths; federation plumbing (_Service, _Any, …) is skipped.
 */
export function undocumentedElements(typeDefs: DocumentNode): string[] {
  const schema = buildSubgraphSchema([{ typeDefs }]);
  const missing: string[] = [];
  const blank = (d: string | null | undefined) => !d || d.trim() === "";
  for (const type of Object.values(schema.getTypeMap())) {
    const name = type.name;
    if (name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__") || BUILT_IN.has(name)) continue;
    if (!ROOTS.has(name) && blank(type.description)) missing.push(name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith("_")) continue;
        // The key of an entity another subgraph owns is documented where the entity lives.
        if (name === "Child" && field.name === "id") continue;
        if (blank(field.description)) missing.push(`${name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) {
          if (blank(arg.description)) missing.push(`${name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const v of type.getValues()) if (blank(v.description)) missing.push(`${name}.${v.name}`);
    }
  }
  return missing;
}
