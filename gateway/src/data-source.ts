import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { IDEMPOTENCY_HEADER, REQUEST_ID_HEADER } from "@caregraph/platform";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * Calls one subgraph, forwarding the caller's bearer token (each subgraph verifies it again)
 * the request id (so one request's log lines join up across processes) and a mutation's
 * Idempotency-Key.
 *
 * Nothing about a subgraph reaches the caller: Apollo's own data source answers a non-2xx
 * subgraph response with "400: Bad Request" and the subgraph's URL, status and body in
 * `extensions.response`. Here a non-2xx answer that is a GraphQL result (a subgraph refusing a
 * variable, say: BAD_USER_INPUT naming the field) is passed on as that result, its errors as they
 * are; any other failed answer becomes a clean error with a code and no address.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(config: { url: string }) {
    super(config);
    const inner: Fetcher = this.fetcher;
    this.fetcher = async (url, init) => {
      const response = await resendOnReset(inner, url, init);
      if (response.ok) return response;
      const text = await response.text();
      if (isGraphQLResult(text)) {
        // Same body, as a 200: the gateway then merges its errors like any other subgraph errors.
        return new Response(text, { status: 200, headers: { "content-type": "application/json" } }) as unknown as FetcherResponse;
      }
      return new Response(text, { status: response.status, statusText: response.statusText }) as unknown as FetcherResponse;
    };
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!("token" in context) || !context.token) return;
    request.http?.headers.set("authorization", `Bearer ${context.token}`);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    // Only the subgraph that runs a mutation acts on it (queries ignore it).
    if (context.idempotencyKey) request.http?.headers.set(IDEMPOTENCY_HEADER, context.idempotencyKey);
  }

  /** A failed answer that is not a GraphQL result: a code the caller can act on, nothing else. */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const [code, message] =
      response.status === 401
        ? ["UNAUTHENTICATED", "Not authenticated: the token was refused"]
        : response.status === 403
          ? ["FORBIDDEN", "Not allowed"]
          : response.status === 429
            ? ["RATE_LIMITED", "Too many requests: try again shortly"]
            : response.status >= 400 && response.status < 500
              ? ["BAD_REQUEST", "The request could not be answered"]
              : ["SERVICE_UNAVAILABLE", "Part of CareGraph could not answer; try again shortly"];
    return new GraphQLError(message, { extensions: { code } });
  }
}

/**
 * A keep-alive connection the subgraph closed just as it was reused fails with a reset before
 * the subgraph read the request (Apollo's fetcher never retires idle sockets itself). Such a
 * request is sent once more on a fresh connection when that cannot do anything twice: a query,
 * or a mutation carrying an Idempotency-Key (the subgraph answers a repeat from its record).
 */
async function resendOnReset(inner: Fetcher, url: string, init: Parameters<Fetcher>[1]): Promise<FetcherResponse> {
  try {
    return await inner(url, init);
  } catch (error) {
    if (!isConnectionReset(error) || !safeToResend(init)) throw error;
    return inner(url, init);
  }
}

export function isConnectionReset(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "ECONNRESET" || code === "EPIPE" || (typeof message === "string" && /socket hang up/.test(message));
}

export function safeToResend(init: Parameters<Fetcher>[1]): boolean {
  const headers = new Headers((init?.headers ?? {}) as Record<string, string>);
  if (headers.has(IDEMPOTENCY_HEADER)) return true;
  try {
    const { query } = JSON.parse(String(init?.body ?? "")) as { query?: unknown };
    return typeof query === "string" && !/^\s*mutation\b/.test(query);
  } catch {
    return false;
  }
}

function isGraphQLResult(text: string): boolean {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null && Array.isArray((body as { errors?: unknown }).errors);
  } catch {
    return false;
  }
}
