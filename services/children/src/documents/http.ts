import { isRole, REQUEST_ID_HEADER, requestIdFrom, sendError, ServiceDeps, tenantScopedClient } from "@caregraph/platform";
import { now } from "@caregraph/platform/clock";
import express, { Request, RequestHandler, Response } from "express";
import { attachmentHeader, checkUploadedBytes, MAX_DOCUMENT_BYTES } from "../domain/documents";
import type { PrismaClient } from "../generated/prisma/client";
import type { DocumentStore } from "./store";
import { documentUrlSecret, DOCUMENTS_OFF, verifyToken } from "./tokens";

/**
 * The signed document URLs (the gateway forwards /documents/* here, gateway/src/documents.ts):
 *   PUT /documents/uploads/<token>   the file's bytes, once, within 15 minutes
 *   GET /documents/downloads/<token> the file, within 5 minutes; audited as a read by the token's subject
 * No access token: the signed token in the path is the credential (./tokens.ts says why that is
 * safe). Errors are JSON in GraphQL's error shape, like every CareGraph answer.
 */
export function documentRoutes(deps: ServiceDeps<PrismaClient>, store: DocumentStore, env: NodeJS.ProcessEnv = process.env): RequestHandler {
  const secret = documentUrlSecret(env);
  const router = express.Router();
  if (secret === null) {
    deps.log.error("DOCUMENT_URL_SECRET is not set: documents are off (upload and download URLs answer 503)");
    router.all(["/documents/uploads/:token", "/documents/downloads/:token"], (_req, res) => sendError(res, 503, "DOCUMENTS_NOT_CONFIGURED", DOCUMENTS_OFF));
    return router;
  }
  router.put("/documents/uploads/:token", (req, res, next) => upload(deps, store, secret, req, res).catch(next));
  router.get("/documents/downloads/:token", (req, res, next) => download(deps, store, secret, req, res).catch(next));
  router.all(["/documents/uploads/:token", "/documents/downloads/:token"], (req, res) => {
    res.setHeader("Allow", req.path.startsWith("/documents/uploads/") ? "PUT" : "GET");
    sendError(res, 405, "METHOD_NOT_ALLOWED", req.path.startsWith("/documents/uploads/") ? "Send the file with PUT" : "Download with GET");
  });
  return router;
}

const param = (req: Request) => String(req.params.token ?? "");

async function upload(deps: ServiceDeps<PrismaClient>, store: DocumentStore, secret: string, req: Request, res: Response) {
  const v = verifyToken(secret, param(req), "upload", now());
  if (!v.ok) return refuse(req, res, 403, v.code, v.message);
  const { t: tenant, c: childId, u: uploadId } = v.claims;
  const db = tenantScopedClient(deps.db, tenant);
  const row = await db.documentUpload.findFirst({ where: { id: uploadId, tenant, childId } });
  if (!row) return refuse(req, res, 404, "NOT_FOUND", "there is no such upload (the record may have been erased)");
  if (row.uploadedAt) return refuse(req, res, 409, "UPLOAD_ALREADY_USED", "this upload URL has been used: ask for a new one to send another file");
  if (row.expiresAt.getTime() <= now().getTime()) return refuse(req, res, 403, "EXPIRED_TOKEN", "this link has expired: ask CareGraph for a new one");
  const limit = Math.min(row.declaredBytes, MAX_DOCUMENT_BYTES);
  const body = await readBody(req, limit);
  const refusal = body.over
    ? { status: 413 as const, code: "FILE_TOO_LARGE", message: `the file is larger than the ${limit} bytes declared for this upload` }
    : checkUploadedBytes({ contentType: row.contentType, sizeBytes: row.declaredBytes }, req.headers["content-type"], body.bytes);
  if (refusal) return refuse(req, res, refusal.status, refusal.code, refusal.message, { field: "body", maxBytes: limit });
  const key = `${tenant}/${childId}/${uploadId}`;
  const bytes = body.bytes;
  const claimed = await db.$transaction(async (tx) => {
    // The claim makes the URL single use: of two PUTs at once, one stores its bytes.
    const n = await tx.documentUpload.updateMany({
      where: { id: uploadId, uploadedAt: null },
      data: { uploadedAt: now(), sizeBytes: bytes.length, storageKey: key },
    });
    if (n.count !== 1) return false;
    await store.put(tx, key, bytes, row.contentType);
    await deps.recorder.change(
      tx,
      { identity: { userId: row.requestedBy, roles: [], tenant }, requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]), operation: "documentUpload" },
      { action: "document.uploaded", entity: "DocumentUpload", entityId: uploadId, childId, details: { contentType: row.contentType, sizeBytes: bytes.length, store: store.kind } },
    );
    return true;
  });
  if (!claimed) return refuse(req, res, 409, "UPLOAD_ALREADY_USED", "this upload URL has been used: ask for a new one to send another file");
  res.status(201).json({ uploadId, sizeBytes: bytes.length, contentType: row.contentType });
}

async function download(deps: ServiceDeps<PrismaClient>, store: DocumentStore, secret: string, req: Request, res: Response) {
  const v = verifyToken(secret, param(req), "download", now());
  if (!v.ok) return refuse(req, res, 403, v.code, v.message);
  const { t: tenant, c: childId, d: documentId, v: version, s: userId, r: roles } = v.claims;
  const db = tenantScopedClient(deps.db, tenant);
  const [child, found] = await Promise.all([
    db.child.findFirst({ where: { id: childId, tenant } }),
    db.documentVersion.findFirst({ where: { documentId, version, tenant, childId } }),
  ]);
  // Archived records stay with social workers and team managers (as Query.child does); erased ones are gone.
  const seesArchived = roles.includes("SOCIAL_WORKER") || roles.includes("TEAM_MANAGER");
  if (!child || !found || (child.archivedAt && !seesArchived)) return refuse(req, res, 404, "NOT_FOUND", "there is no such document (it may have been erased or archived)");
  const bytes = await db.$transaction(async (tx) => {
    const b = await store.get(tx, found.storageKey);
    // Written before a byte leaves: no audit entry, no download.
    await deps.recorder.read(
      tx,
      { identity: { userId, roles: roles.filter(isRole), tenant }, requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]), operation: "documentDownload" },
      { childIds: [childId], fields: ["Document.download"], operation: "documentDownload", record: { entity: "Document", entityId: documentId, details: { version } } },
    );
    return b;
  });
  if (!bytes) throw new Error(`document ${documentId} v${version}: no bytes under its storage key`);
  res.status(200);
  res.setHeader("Content-Type", found.contentType);
  res.setHeader("Content-Disposition", attachmentHeader(found.fileName));
  res.setHeader("Content-Length", String(bytes.length));
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.end(bytes);
}

/**
 * The body, up to `limit` bytes. Past it the rest is read and dropped (so the caller gets the 413
 * instead of a reset connection), up to a cap after which the connection is closed.
 */
function readBody(req: Request, limit: number): Promise<{ bytes: Buffer; over: boolean }> {
  const DISCARD_CAP = MAX_DOCUMENT_BYTES + 1024 * 1024;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
      else if (size > limit + DISCARD_CAP) {
        // Far past any honest file: answer, then drop the connection rather than read on.
        req.removeAllListeners("data");
        req.pause();
        req.res?.setHeader("Connection", "close");
        req.res?.once("finish", () => req.destroy());
        resolve({ bytes: Buffer.alloc(0), over: true });
      }
    });
    req.on("end", () => resolve({ bytes: Buffer.concat(chunks), over }));
    req.on("error", reject);
  });
}

function refuse(req: Request, res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  // A body not read yet is drained, so the answer reaches the caller rather than a reset.
  if (!req.readableEnded && !req.destroyed && !req.isPaused()) req.resume();
  res.setHeader("Cache-Control", "no-store");
  sendError(res, status, code, message, extra);
}
