import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { IDEMPOTENCY_HEADER, REQUEST_ID_HEADER } from "@caregraph/platform";
import type { GatewayContext } from "./context";

/**
 * Calls one subgraph, forwarding the caller's bearer token (each subgraph verifies it again)
 * the request id (so one request's log lines join up across processes) and a mutation's
 * Idempotency-Key.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!("token" in context) || !context.token) return;
    request.http?.headers.set("authorization", `Bearer ${context.token}`);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    // Only the subgraph that runs a mutation acts on it (queries ignore it).
    if (context.idempotencyKey) request.http?.headers.set(IDEMPOTENCY_HEADER, context.idempotencyKey);
  }
}
