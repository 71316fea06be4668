import { DocumentNode, Kind } from "graphql";

/**
 * Generated resolver types make every resolver optional (a field of a Prisma row needs none), so a
 * query or mutation added to schema.graphql without its resolver would still typecheck — and
 * answer null. Every root field must have one; a subgraph refuses to start without it.
 */
export function missingRootResolvers(typeDefs: DocumentNode, resolvers: { [typeName: string]: unknown }): string[] {
  const missing: string[] = [];
  for (const def of typeDefs.definitions) {
    if ((def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) || !["Query", "Mutation"].includes(def.name.value)) continue;
    const given = (resolvers[def.name.value] ?? {}) as Record<string, unknown>;
    for (const field of def.fields ?? []) if (typeof given[field.name.value] !== "function") missing.push(`${def.name.value}.${field.name.value}`);
  }
  return missing;
}
