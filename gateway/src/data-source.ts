import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { REQUEST_ID_HEADER } from "@caregraph/platform";
import type { GatewayContext } from "./context";

/**
 * Calls one subgraph, forwarding the caller's bearer token (each subgraph verifies it again)
 * and the request id (so one request's log lines join up across processes).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!("token" in context) || !context.token) return;
    request.http?.headers.set("authorization", `Bearer ${context.token}`);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}
