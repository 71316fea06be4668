import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import express, { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from "express";
import { AuthenticationError, bearerToken, type Identity, type TokenVerifier } from "../auth";
import type { Logger } from "../telemetry";

/**
 * The HTTP edge every CareGraph process shares (gateway and subgraphs). Whatever a caller sends —
 * a body that is not JSON, `null`, a bare string, a truncated document, a body over the limit, a
 * compressed body that expands past it, an unknown content-encoding, a wrong method, an unknown
 * path — the answer is JSON in GraphQL's error shape, `{ "errors": [{ "message", "extensions":
 * { "code" } }] }`, with a 4xx status: never Express's HTML page, a stack, a file path or a
 * library version. Anything unexpected is logged and answered as a bare 500.
 */
export const BODY_LIMIT = "1mb";

export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res.status(status).type("application/json").send(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}

/** body-parser's error types, answered in our words (its own messages quote the body back). */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.parse.failed": [400, "BAD_REQUEST", "The request body is not a JSON object: send {\"query\": \"…\", \"variables\": {…}}"],
  "entity.too.large": [413, "PAYLOAD_TOO_LARGE", `The request body is over the ${BODY_LIMIT} limit (after decompression)`],
  "encoding.unsupported": [415, "UNSUPPORTED_ENCODING", "Unsupported Content-Encoding: send the body as it is, or gzip, deflate or br"],
  "charset.unsupported": [415, "UNSUPPORTED_CHARSET", "Unsupported charset: send the body as UTF-8"],
  "request.aborted": [400, "BAD_REQUEST", "The request body was cut off"],
  "request.size.invalid": [400, "BAD_REQUEST", "The request body is not as long as its Content-Length says"],
};

/** The last handler of every app: errors (the body parser's included) as JSON, nothing leaked. */
export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    void next;
    const e = err as { type?: string; status?: number; statusCode?: number };
    const known = e?.type ? BODY_ERRORS[e.type] : undefined;
    if (known) return sendError(res, known[0], known[1], known[2]);
    const status = e?.status ?? e?.statusCode;
    // Any other 4xx from a parser (e.g. a broken gzip stream) is the caller's; say so plainly.
    if (typeof status === "number" && status >= 400 && status < 500) return sendError(res, status, "BAD_REQUEST", "The request could not be read");
    log.error({ err }, "unexpected error answering a request");
    sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  };
}

/** Unknown paths: a JSON 404. */
export const notFound: RequestHandler = (_req, res) => sendError(res, 404, "NOT_FOUND", "No such path: CareGraph answers GraphQL at /graphql");

/**
 * What /graphql accepts before Apollo sees it: GET or POST (405 otherwise, with Allow), a POST body
 * that is JSON (415 otherwise), parsed as a JSON object (strict: `null` or a bare string is 400).
 */
export function graphqlBody(): RequestHandler[] {
  return [
    (req, res, next) => {
      if (req.method !== "GET" && req.method !== "POST") {
        res.setHeader("Allow", "GET, POST");
        return sendError(res, 405, "METHOD_NOT_ALLOWED", "GraphQL is served over GET and POST only");
      }
      if (req.method === "POST" && !req.is(["application/json", "application/graphql-response+json"])) {
        return sendError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the request as Content-Type: application/json");
      }
      next();
    },
    express.json({ limit: BODY_LIMIT, strict: true, type: ["application/json", "application/graphql-response+json"] }),
    (req, res, next) => {
      if (req.method === "POST" && (req.body === null || typeof req.body !== "object" || Array.isArray(req.body))) {
        return sendError(res, 400, "BAD_REQUEST", "The request body must be one JSON object (batches are not accepted)");
      }
      // Apollo's Express integration insists on a body; a GET has none.
      if (!("body" in req) || req.body === undefined) (req as { body: unknown }).body = {};
      next();
    },
  ];
}

/** Ends an app: unknown paths 404, errors as JSON. Call after every route. */
export function finishApp(app: Express, log: Logger): void {
  app.use(notFound);
  app.use(jsonErrors(log));
}

/**
 * Refuses a request without a verified token before anything of it is read or parsed (401 JSON):
 * a subgraph reached directly answers nothing — no introspection, no `_service`, no suggestions —
 * to an anonymous caller. The identity is kept on the request for the GraphQL context.
 */
export function requireToken(verify: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    try {
      if (!token) throw new AuthenticationError("send an access token as 'Authorization: Bearer <token>'");
      (req as Request & { identity?: Identity }).identity = await verify(token);
    } catch (e) {
      const error = e instanceof AuthenticationError ? e : new AuthenticationError("invalid token");
      res.setHeader("WWW-Authenticate", "Bearer");
      return sendError(res, 401, "UNAUTHENTICATED", error.message);
    }
    next();
  };
}

export const identityOf = (req: Request): Identity | undefined => (req as Request & { identity?: Identity }).identity;

/** Codes that mean the caller sent something we cannot run: HTTP 400 (GraphQL over HTTP). */
const CALLERS_FAULT = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  // @apollo/gateway's code for an operation it cannot plan: an unknown or missing operationName.
  "INVALID_GRAPHQL",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "COST_LIMIT",
  "DEPTH_LIMIT",
  "ALIAS_LIMIT",
  "DIRECTIVE_LIMIT",
  "TOKEN_LIMIT",
]);

/**
 * A request that never reached execution (no `data`) because of the caller — a document that does
 * not parse, a limit overrun, an unknown `operationName`, a bad variable — answers 400, not 500.
 */
export function callerErrorStatus<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (errors.every((e) => CALLERS_FAULT.has(String(e.extensions?.code)))) response.http.status = 400;
        },
      };
    },
  };
}

/** " Did you mean "x"?" — graphql-js's suggestions, which describe the schema to whoever asks. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, "");

/**
 * The field and rule of a refused value, for clients: graphql-js names a variable's path in its
 * message ('Variable "$input" got invalid value … at "input.dateOfBirth"'), the scalar its rule.
 */
export function inputErrorDetails(message: string, original: unknown): { field?: string; rule?: string } {
  const ext = original instanceof GraphQLError ? original.extensions : undefined;
  const m = /^Variable "\$([^"]+)" got invalid value .*? at "([^"]+)"/s.exec(message) ?? /^Variable "\$([^"]+)" got invalid value/.exec(message);
  const field = typeof ext?.field === "string" ? ext.field : (m?.[2] ?? m?.[1]);
  const rule = typeof ext?.rule === "string" ? ext.rule : undefined;
  return { ...(field ? { field } : {}), ...(rule ? { rule } : {}) };
}

