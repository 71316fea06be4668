import { isPartner, PARTNER_NAMES } from "@caregraph/platform";
import { GraphQLSchema, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } from "graphql";
import { Manifest, operationId, PersistedOperation, readManifest } from "./manifest";

/**
 * The operations each partner agency may run, by id, loaded once at start-up from the committed
 * manifests. A manifest that is not what it claims — an id that is not its body's SHA-256, an
 * operation of another client, a document that does not validate against the schema the gateway
 * serves, introspection, a write — stops the gateway: a partner's door is never half-configured.
 */
export interface PartnerOperations {
  /** The partner's own operation with this id, if any. */
  find(partner: string, id: string): PersistedOperation | undefined;
  /** Whether some partner's manifest has this id (for the refusal's wording only). */
  known(id: string): boolean;
  /** How many operations each partner has. */
  counts(): Record<string, number>;
}

export function partnerOperations(schema: GraphQLSchema, read: (partner: string) => Manifest | null = readManifest): PartnerOperations {
  const byPartner = new Map<string, Map<string, PersistedOperation>>();
  for (const partner of PARTNER_NAMES) {
    const manifest = read(partner);
    byPartner.set(partner, new Map((manifest ? checked(partner, manifest, schema) : []).map((op) => [op.id, op])));
  }
  const all = new Set([...byPartner.values()].flatMap((ops) => [...ops.keys()]));
  return {
    find: (partner, id) => (isPartner(partner) ? byPartner.get(partner)?.get(id) : undefined),
    known: (id) => all.has(id),
    counts: () => Object.fromEntries([...byPartner].map(([p, ops]) => [p, ops.size])),
  };
}

function checked(partner: string, manifest: Manifest, schema: GraphQLSchema): PersistedOperation[] {
  const where = `schema/persisted-queries/${partner}.json`;
  if (manifest.format !== "apollo-persisted-query-manifest" || manifest.version !== 1) throw new Error(`${where}: not an apollo-persisted-query-manifest, version 1`);
  for (const op of manifest.operations) {
    if (op.clientName !== partner) throw new Error(`${where}: ${op.name} belongs to client ${JSON.stringify(op.clientName)}, not ${partner}`);
    if (operationId(op.body) !== op.id) throw new Error(`${where}: ${op.name}'s id is not the SHA-256 of its body (run npm run partners:manifests)`);
    if (op.type !== "query") throw new Error(`${where}: ${op.name} is a ${op.type}; partner agencies only read`);
    const errors = validate(schema, parse(op.body), [...specifiedRules, NoSchemaIntrospectionCustomRule]);
    if (errors.length) throw new Error(`${where}: ${op.name} does not validate against the supergraph: ${errors.map((e) => e.message).join("; ")}`);
  }
  return manifest.operations;
}
