import { Identity, Logger, sendError } from "@caregraph/platform";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { Counter, type Registry } from "prom-client";
import { operationId } from "./manifest";
import type { PartnerOperations } from "./partner-operations";

/**
 * The partner agencies' door (issue 11), in front of Apollo: a PARTNER token may run only an
 * operation of its own agency's manifest, named by id —
 *   POST { "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "<id>" } }, "variables": {…} }
 * — and nothing else. Query text of any kind (a new document, a manifest body sent again, an APQ
 * registration), another agency's id, an unknown or altered id, a body whose hash does not match,
 * a GET: each is refused here, in GraphQL's error shape, before anything is parsed or planned, so
 * no subgraph is ever called for it. The operation's body then comes from the manifest, never from
 * the caller, and Apollo's own APQ never sees a partner's hash. Other callers pass untouched.
 */
export const PARTNER_REFUSAL = "PERSISTED_QUERY_NOT_ALLOWED";

export type PartnerRefusalReason =
  | "NO_AGENCY"
  | "METHOD"
  | "QUERY_TEXT"
  | "HASH_MISMATCH"
  | "NOT_PERSISTED"
  | "ANOTHER_AGENCYS_OPERATION"
  | "UNKNOWN_OPERATION"
  | "OPERATION_NAME";

type Req = Request & { identity?: Identity };

/**
 * A refusal names no child and reads nothing, so it is not in any child's audit trail: it is in
 * the gateway's log (agency, reason, request id) and counted for alerting, per agency and reason
 * (a partner's integration broken by a deployment, or someone probing with its credentials).
 */
export function partnerDoor(operations: PartnerOperations, log: Logger, registry: Registry): RequestHandler {
  const refusals = new Counter({
    name: "partner_requests_refused_total",
    help: "Partner agency requests refused at the gateway, by agency and reason",
    labelNames: ["partner", "reason"] as const,
    registers: [registry],
  });
  return (req: Req, res: Response, next: NextFunction) => {
    const identity = req.identity;
    if (!identity?.roles.includes("PARTNER")) return next();
    const partner = identity.partner;
    const refuse = (reason: PartnerRefusalReason, message: string, status = 403) => {
      log.warn({ partner: partner ?? identity.userId, reason, requestId: res.getHeader("x-request-id") }, "partner request refused");
      refusals.inc({ partner: partner ?? "unknown", reason });
      sendError(res, status, PARTNER_REFUSAL, message, { reason });
    };
    if (!partner) return refuse("NO_AGENCY", "This token names no partner agency CareGraph knows: ask the local authority for your agency's client credentials");
    if (req.method !== "POST") return refuse("METHOD", "Partner agencies send their persisted operations as a POST with a JSON body", 405);

    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } };
    const pq = body.extensions?.persistedQuery;
    const hash = typeof pq?.sha256Hash === "string" ? pq.sha256Hash.toLowerCase() : undefined;
    if (body.query !== undefined) {
      if (typeof body.query === "string" && hash && operationId(body.query) !== hash) {
        return refuse("HASH_MISMATCH", "The document sent does not match its sha256Hash; partner agencies send only the id of one of their own operations, no query text");
      }
      return refuse("QUERY_TEXT", "Partner agencies send no query text: only the id (extensions.persistedQuery.sha256Hash) of one of their own agency's operations");
    }
    if (!hash || pq?.version !== 1) {
      return refuse("NOT_PERSISTED", 'Send one of your agency\'s operations by id: {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}}');
    }
    const operation = operations.find(partner, hash);
    if (!operation) {
      return operations.known(hash)
        ? refuse("ANOTHER_AGENCYS_OPERATION", "That operation is not one of your agency's: each partner agency runs only the operations of its own manifest")
        : refuse("UNKNOWN_OPERATION", `No operation of your agency has this id (your operations: schema/persisted-queries/${partner}.json)`);
    }
    if (body.operationName !== undefined && body.operationName !== null && body.operationName !== operation.name) {
      return refuse("OPERATION_NAME", `operationName must be ${operation.name} (the operation with this id), or left out`);
    }
    log.info({ partner, operation: operation.name, id: operation.id }, "partner operation");
    // The body is the manifest's; the caller's extensions (its hash included) go no further.
    req.body = { query: operation.body, operationName: operation.name, ...(body.variables !== undefined ? { variables: body.variables } : {}) };
    next();
  };
}
