import { REQUEST_ID_HEADER, requestIdFrom, sendError, type Logger } from "@caregraph/platform";
import type { Request, RequestHandler, Response } from "express";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * /documents/uploads/<token> and /documents/downloads/<token>: the children subgraph's signed
 * document URLs on CareGraph's public origin. Forwarded as they are, bodies streamed both ways
 * (a 20 MB file is never held here), with no access token: the signed token in the path is the
 * credential, checked by the children subgraph (services/children/src/documents/tokens.ts), so a
 * browser can follow a download link. Only the headers a file needs cross; the subgraph's
 * address never reaches the caller, and a subgraph that cannot be reached is a JSON 502.
 */
const REQUEST_HEADERS = ["content-type", "content-length"];
const RESPONSE_HEADERS = ["content-type", "content-length", "content-disposition", "cache-control", "x-content-type-options", "allow"];
export const DOCUMENT_PATH = /^\/documents\/(uploads|downloads)\/[A-Za-z0-9_\-.]+$/;

export function forwardDocuments(childrenGraphqlUrl: string, log: Logger): RequestHandler {
  const base = new URL(childrenGraphqlUrl.replace(/\/graphql$/, ""));
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  return (req: Request, res: Response) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    for (const h of REQUEST_HEADERS) if (typeof req.headers[h] === "string") headers[h] = req.headers[h] as string;
    if (req.headers["transfer-encoding"]) headers["transfer-encoding"] = "chunked";
    const upstream = send(
      { protocol: base.protocol, hostname: base.hostname, port: base.port, method: req.method, path: req.path, headers },
      (answer: IncomingMessage) => {
        res.status(answer.statusCode ?? 502);
        for (const h of RESPONSE_HEADERS) if (answer.headers[h] !== undefined) res.setHeader(h, answer.headers[h] as string);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", (err) => {
      log.error({ err }, "documents: the children subgraph could not be reached");
      // Drain what the caller still sends, then answer; never the subgraph's address or the raw error.
      req.resume();
      sendError(res, 502, "BAD_GATEWAY", "The documents service is not reachable just now: try again shortly");
    });
    req.on("aborted", () => upstream.destroy());
    req.pipe(upstream);
  };
}
