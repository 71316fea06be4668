import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from "graphql";
import type { Identity } from "../auth/identity";
import { withoutSuggestions } from "./http";

const isPartnerAgency = (identity: Identity | null | undefined) => identity?.roles.includes("PARTNER") ?? false;

/**
 * Partner agencies run fixed operations (their persisted manifests) and are told nothing about
 * the schema: no introspection (`__schema`, `__type`; `__typename` is fine) and no "Did you
 * mean …?" in any error, whatever FIELD_SUGGESTIONS says. The gateway and every subgraph apply it
 * (a partner token reaching a subgraph directly is no wiser).
 */
export function noSchemaDetailsForPartners<T extends { identity?: Identity | null }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      if (!isPartnerAgency(contextValue.identity)) return;
      return {
        async didResolveOperation({ document, schema }) {
          if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length) {
            throw new GraphQLError("Introspection is not available to partner agencies: they run only their own persisted operations", {
              extensions: { code: "INTROSPECTION_DISABLED", http: { status: 403 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          response.body.singleResult = { ...result, errors: result.errors!.map((e) => ({ ...e, message: withoutSuggestions(e.message) })) };
        },
      };
    },
  };
}
