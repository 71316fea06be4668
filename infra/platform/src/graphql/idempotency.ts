import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { createHash } from "node:crypto";
import { GraphQLError, type FormattedExecutionResult } from "graphql";
import { quoteIdent, RawSql } from "../db-types";
import { FieldEncryptionError, openField, sealField, type FieldPlace } from "../crypto/field";
import type { BaseContext } from "./subgraph-server";

/**
 * Mutations accept an `Idempotency-Key` header: the same key with the same operation and
 * variables returns the first answer and never makes a second record (a double-clicked "Save",
 * a retry after a timeout). The gateway forwards the header to the subgraph that runs the
 * mutation; each subgraph keeps its answers in `idempotent_request`, per caller and tenant.
 *
 * The answer is stored just after the mutation's own transaction commits; a process that dies
 * in between leaves a claim without an answer, which a retry reports (IDEMPOTENCY_KEY_IN_USE)
 * rather than risk a second record.
 *
 * The answer may carry encrypted fields in clear (a concern's summary), so it is stored sealed
 * ({"sealed": "enc:v1:…"}, bound to tenant, caller and key; crypto/). An answer sealed with a key
 * since removed from FIELD_ENCRYPTION_KEYS cannot be replayed (IDEMPOTENCY_ANSWER_UNREADABLE).
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export interface IdempotencyStore {
  /** Claims the key; returns the stored request hash and answer when it was claimed before. */
  claim(tenant: string, actor: string, key: string, requestHash: string): Promise<{ requestHash: string; response: FormattedExecutionResult | null } | null>;
  complete(tenant: string, actor: string, key: string, response: FormattedExecutionResult): Promise<void>;
  /** A mutation that failed may be sent again with the same key. */
  release(tenant: string, actor: string, key: string): Promise<void>;
}

type Stored = FormattedExecutionResult | { sealed: string };

export function idempotencyStore(db: RawSql, schema: string): IdempotencyStore {
  const table = `${quoteIdent(schema)}.idempotent_request`;
  const place = (tenant: string, actor: string, key: string): FieldPlace => ({ schema, table: "idempotent_request", column: "response", id: `${tenant}/${actor}/${key}` });
  const opened = (at: FieldPlace, stored: Stored | null): FormattedExecutionResult | null => {
    if (!stored || !("sealed" in stored) || typeof stored.sealed !== "string") return stored as FormattedExecutionResult | null;
    try {
      return JSON.parse(openField(at, stored.sealed)) as FormattedExecutionResult;
    } catch (error) {
      if (!(error instanceof FieldEncryptionError)) throw error;
      const message = "Idempotency-Key: the first answer was sealed with a key no longer in use and cannot be shown again; check the record before retrying";
      return { errors: [{ message, extensions: { code: "BAD_USER_INPUT", field: "Idempotency-Key", rule: "IDEMPOTENCY_ANSWER_UNREADABLE" } }] };
    }
  };
  return {
    async claim(tenant, actor, key, requestHash) {
      const inserted = await db.$queryRawUnsafe<unknown[]>(
        `INSERT INTO ${table} (tenant, actor, key, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
        tenant,
        actor,
        key,
        requestHash,
      );
      if (inserted.length) return null;
      const [row] = await db.$queryRawUnsafe<{ request_hash: string; response: Stored | null }[]>(
        `SELECT request_hash, response FROM ${table} WHERE tenant = $1 AND actor = $2 AND key = $3`,
        tenant,
        actor,
        key,
      );
      return row ? { requestHash: row.request_hash, response: opened(place(tenant, actor, key), row.response) } : null;
    },
    async complete(tenant, actor, key, response) {
      await db.$executeRawUnsafe(
        `UPDATE ${table} SET response = $4::jsonb WHERE tenant = $1 AND actor = $2 AND key = $3`,
        tenant,
        actor,
        key,
        JSON.stringify({ sealed: sealField(place(tenant, actor, key), JSON.stringify(response)) }),
      );
    },
    async release(tenant, actor, key) {
      await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE tenant = $1 AND actor = $2 AND key = $3 AND response IS NULL`, tenant, actor, key);
    },
  };
}

// An answer, not a throw: Apollo treats an error thrown from responseForOperation as unexpected.
const refuse = (rule: string, message: string) => ({
  http: { headers: new HeaderMap() },
  body: {
    kind: "single" as const,
    singleResult: {
      errors: [new GraphQLError(`Idempotency-Key: ${message}`, { extensions: { code: "BAD_USER_INPUT", field: "Idempotency-Key", rule } }).toJSON()],
    },
  },
});

export function idempotencyPlugin(store: IdempotencyStore): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_HEADER);
      if (!key) return;
      let claimed: { tenant: string; actor: string } | null = null;
      return {
        async responseForOperation({ operation, contextValue, request: req }) {
          const identity = contextValue.identity;
          if (operation.operation !== "mutation" || !identity) return null;
          if (!KEY.test(key)) return refuse("IDEMPOTENCY_KEY_FORMAT", "8 to 128 letters, digits or . _ : - (a UUID is ideal)");
          const hash = createHash("sha256")
            .update(req.query ?? "")
            .update("\0")
            .update(JSON.stringify(req.variables ?? {}))
            .digest("hex");
          const earlier = await store.claim(identity.tenant, identity.userId, key, hash);
          if (!earlier) {
            claimed = { tenant: identity.tenant, actor: identity.userId };
            return null;
          }
          if (earlier.requestHash !== hash) {
            return refuse("IDEMPOTENCY_KEY_REUSED", "this key was already used for a different request; use a new key for a new change");
          }
          if (!earlier.response) return refuse("IDEMPOTENCY_KEY_IN_USE", "the first request with this key is still being processed, or did not finish; check the record before retrying");
          const headers = new HeaderMap([["idempotent-replay", "true"]]);
          return { http: { headers }, body: { kind: "single", singleResult: earlier.response } };
        },
        async willSendResponse({ response }) {
          if (!claimed) return;
          const result = response.body.kind === "single" ? response.body.singleResult : null;
          if (result && !result.errors?.length) await store.complete(claimed.tenant, claimed.actor, key, result);
          else await store.release(claimed.tenant, claimed.actor, key);
        },
      };
    },
  };
}
