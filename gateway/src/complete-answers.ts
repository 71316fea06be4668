import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";

/**
 * When a subgraph answers null for a field the schema promises is non-null, @apollo/gateway nulls
 * the nearest nullable parent — often `data` itself — and reports why only in
 * `extensions.valueCompletion`, which clients do not read: the caller sees `data: null` and no
 * error. Every such gap becomes a proper error here, with the path, so no answer is ever null
 * without an error a client can see.
 */
export function completeAnswers(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const gaps = result.extensions?.valueCompletion as GraphQLFormattedError[] | undefined;
          if (!gaps?.length) return;
          const { valueCompletion: _, ...extensions } = result.extensions ?? {};
          response.body.singleResult = {
            ...result,
            errors: [
              ...(result.errors ?? []),
              ...gaps.map((gap) => ({
                message: `Part of the answer is missing: ${(gap.path ?? []).join(".") || "the answer"} could not be completed (${gap.message})`,
                ...(gap.path ? { path: gap.path } : {}),
                extensions: { code: "INCOMPLETE_ANSWER" },
              })),
            ],
            ...(Object.keys(extensions).length ? { extensions } : { extensions: undefined }),
          };
        },
      };
    },
  };
}
