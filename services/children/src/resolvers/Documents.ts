import { chronologyEntryRecorded } from "@caregraph/platform";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { GraphQLError } from "graphql";
import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { checkTitle, checkUploadRequest, MAX_DOCUMENT_BYTES, mediaType } from "../domain/documents";
import { documentAttachedEntry } from "../documents/chronology";
import { documentUrlSecret, DOCUMENTS_OFF, DOWNLOAD_TTL_SECONDS, signToken, UPLOAD_TTL_SECONDS } from "../documents/tokens";
import type { ChildResolvers, DocumentResolvers, DocumentVersionResolvers, MutationResolvers } from "../generated/graphql";
import { lockChild, UUID } from "../store";
import { writableChild } from "./InformationSharing";

/**
 * Documents on a child's file (issue 12): the bytes go through a signed upload URL
 * (src/documents/http.ts), never through GraphQL; requestDocumentUpload promises the file and
 * attachDocument files it. Downloads go through a signed link; each is audited when followed.
 */
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });
const secret = (): string => {
  const s = documentUrlSecret();
  if (s === null) throw new GraphQLError(DOCUMENTS_OFF, { extensions: { code: "DOCUMENTS_NOT_CONFIGURED" } });
  return s;
};
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export const Mutation: Pick<MutationResolvers, "requestDocumentUpload" | "attachDocument"> = {
  async requestDocumentUpload(_, { input }, ctx) {
    const problem = checkUploadRequest(input)[0];
    if (problem) invalidInput(...problem);
    const key = secret();
    const child = await writableChild(ctx, input.childId);
    const id = randomUUID();
    // Whole seconds: the token's expiry and the row's agree exactly.
    const expiresAt = new Date(seconds(now()) * 1000 + UPLOAD_TTL_SECONDS * 1000);
    const { db, recorder } = ctx.deps;
    await db.$transaction(async (tx) => {
      await tx.documentUpload.create({
        data: {
          id,
          tenant: child.tenant,
          childId: child.id,
          fileName: input.fileName.trim(),
          contentType: mediaType(input.contentType),
          declaredBytes: input.sizeBytes,
          requestedBy: ctx.identity.userId,
          expiresAt,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "document.upload_requested",
        entity: "DocumentUpload",
        entityId: id,
        childId: child.id,
        details: { contentType: mediaType(input.contentType), sizeBytes: input.sizeBytes },
      });
    });
    const token = signToken(key, { p: "upload", t: child.tenant, c: child.id, u: id, e: seconds(expiresAt) });
    return { uploadId: id, uploadUrl: `/documents/uploads/${token}`, expiresAt, maxBytes: Math.min(input.sizeBytes, MAX_DOCUMENT_BYTES) };
  },

  async attachDocument(_, { input }, ctx) {
    const titleProblem = checkTitle(input.title)[0];
    if (titleProblem) invalidInput(...titleProblem);
    const child = await writableChild(ctx, input.childId);
    const { db, recorder } = ctx.deps;
    const documentId = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const upload = UUID.test(input.uploadId)
        ? await tx.documentUpload.findFirst({ where: { id: input.uploadId.toLowerCase(), tenant: child.tenant, childId: child.id } })
        : null;
      if (!upload) throw new NotFoundError("input.uploadId", "upload for this child");
      if (upload.attachedAt) invalidInput("input.uploadId", "ALREADY_ATTACHED", "this upload is already on the child's file");
      if (!upload.uploadedAt || !upload.storageKey || upload.sizeBytes === null) {
        invalidInput("input.uploadId", "NOT_UPLOADED", "no file has been sent to the upload URL yet: PUT the bytes there first");
      }
      let docId: string;
      let version = 1;
      if (input.replacesDocumentId) {
        const doc = UUID.test(input.replacesDocumentId)
          ? await tx.document.findFirst({ where: { id: input.replacesDocumentId.toLowerCase(), tenant: child.tenant, childId: child.id } })
          : null;
        if (!doc) throw new NotFoundError("input.replacesDocumentId", "document on this child's file");
        const last = await tx.documentVersion.aggregate({ where: { documentId: doc.id }, _max: { version: true } });
        version = (last._max.version ?? 0) + 1;
        await tx.document.update({ where: { id: doc.id }, data: { kind: input.kind, title: input.title.trim() } });
        docId = doc.id;
      } else {
        docId = randomUUID();
        await tx.document.create({ data: { id: docId, tenant: child.tenant, childId: child.id, kind: input.kind, title: input.title.trim(), createdBy: ctx.identity.userId } });
      }
      const at = now();
      await tx.documentVersion.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          documentId: docId,
          version,
          fileName: upload.fileName,
          contentType: upload.contentType,
          sizeBytes: upload.sizeBytes,
          storageKey: upload.storageKey,
          uploadedAt: at,
          uploadedBy: ctx.identity.userId,
        },
      });
      await tx.documentUpload.update({ where: { id: upload.id }, data: { attachedAt: at } });
      // Kinds, versions and sizes only: never the file's name, title or content.
      await recorder.change(tx, actor(ctx), {
        action: "document.attached",
        entity: "Document",
        entityId: docId,
        childId: child.id,
        details: { kind: input.kind, version, contentType: upload.contentType, sizeBytes: upload.sizeBytes, uploadId: upload.id },
        events: [chronologyEntryRecorded(child.id, documentAttachedEntry({ documentId: docId, kind: input.kind, version }, at, today()))],
      });
      return docId;
    });
    ctx.documents.clear(child.id);
    const found = (await ctx.documents.load(child.id)).find((d) => d.id === documentId);
    if (!found) throw new Error("attached document not found after commit");
    return found;
  },
};

export const Child: Pick<ChildResolvers, "documents"> = {
  documents: (c, _, ctx) => ctx.documents.load(c.id),
};

export const Document: DocumentResolvers = {
  currentVersion: (d) => d.versions[0]!,
  versions: (d) => d.versions,
  downloadUrl: (d, { version }, ctx) => {
    const v = version === null || version === undefined ? d.versions[0] : d.versions.find((x) => x.version === version);
    if (!v) invalidInput("version", "NO_SUCH_VERSION", `this document has versions 1 to ${d.versions.length}`);
    const token = signToken(secret(), {
      p: "download",
      t: d.tenant,
      c: d.childId,
      d: d.id,
      v: v.version,
      s: ctx.identity.userId,
      r: [...ctx.identity.roles],
      e: seconds(now()) + DOWNLOAD_TTL_SECONDS,
    });
    return `/documents/downloads/${token}`;
  },
};

export const DocumentVersion: DocumentVersionResolvers = {};
