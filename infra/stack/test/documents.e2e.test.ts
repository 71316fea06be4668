import { eventually } from "@caregraph/platform/testing";
import { graphql, graphqlOk } from "../src/client";
import { useStack } from "./use-stack";

/**
 * Issue 12, end to end through the gateway: a document uploaded through its signed URL, attached,
 * downloaded (the download in the child's audit trail, by the downloader) — and refused when too
 * large or of a forbidden type, at requestDocumentUpload and at the PUT (bytes that are not a PDF).
 */
const e2e = useStack("e2edocuments");
let token: string;
let manager: string;
beforeAll(async () => {
  token = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER"], userId: "sw-docs" });
  manager = await e2e.keys.token({ tenant: "E09000027", roles: ["TEAM_MANAGER"], userId: "tm-docs" });
});

const origin = () => e2e.stack.gatewayUrl.replace(/\/graphql$/, "");
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const REQUEST = `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadId uploadUrl maxBytes } }`;

it("uploads, attaches and downloads a court order; the download is audited; too large or forbidden types are refused", async () => {
  const { registerChild: child } = await graphqlOk<{ registerChild: { id: string } }>(e2e.stack.gatewayUrl, token, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Ena", lastName: "Dtoend", dateOfBirth: "2013-07-07", sex: "FEMALE", lookedAfterSince: "2026-09-01", legalStatus: "C2" },
  });

  // Refused before any byte is sent: too large, forbidden type.
  const big = await graphql(e2e.stack.gatewayUrl, token, REQUEST, { input: { childId: child.id, fileName: "scan.pdf", contentType: "application/pdf", sizeBytes: 25 * 1024 * 1024 } });
  expect(big.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sizeBytes", rule: "FILE_TOO_LARGE" });
  const exe = await graphql(e2e.stack.gatewayUrl, token, REQUEST, { input: { childId: child.id, fileName: "tool.exe", contentType: "application/x-msdownload", sizeBytes: 1000 } });
  expect(exe.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contentType", rule: "FORBIDDEN_CONTENT_TYPE" });

  // Refused at the PUT: more bytes than declared (413), a program renamed .pdf (415).
  const small = (await graphqlOk<{ requestDocumentUpload: { uploadUrl: string } }>(e2e.stack.gatewayUrl, token, REQUEST, { input: { childId: child.id, fileName: "x.pdf", contentType: "application/pdf", sizeBytes: 8 } })).requestDocumentUpload;
  const over = await fetch(`${origin()}${small.uploadUrl}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: PDF });
  expect(over.status).toBe(413);
  expect(((await over.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("FILE_TOO_LARGE");
  const renamed = Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.", "latin1");
  const fake = (await graphqlOk<{ requestDocumentUpload: { uploadUrl: string } }>(e2e.stack.gatewayUrl, token, REQUEST, { input: { childId: child.id, fileName: "order.pdf", contentType: "application/pdf", sizeBytes: renamed.length } })).requestDocumentUpload;
  const refused = await fetch(`${origin()}${fake.uploadUrl}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: renamed });
  expect(refused.status).toBe(415);
  expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("CONTENT_DOES_NOT_MATCH_TYPE");

  // Uploaded and attached.
  const up = (await graphqlOk<{ requestDocumentUpload: { uploadId: string; uploadUrl: string } }>(e2e.stack.gatewayUrl, token, REQUEST, {
    input: { childId: child.id, fileName: "interim-care-order.pdf", contentType: "application/pdf", sizeBytes: PDF.length },
  })).requestDocumentUpload;
  expect((await fetch(`${origin()}${up.uploadUrl}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: PDF })).status).toBe(201);
  const { attachDocument: doc } = await graphqlOk<{ attachDocument: { id: string; currentVersion: { version: number; sizeBytes: number } } }>(
    e2e.stack.gatewayUrl,
    token,
    `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { id currentVersion { version sizeBytes } } }`,
    { input: { childId: child.id, uploadId: up.uploadId, kind: "COURT_ORDER", title: "Interim care order" } },
  );
  expect(doc.currentVersion).toEqual({ version: 1, sizeBytes: PDF.length });

  // Downloaded by the team manager, through the gateway's origin.
  const { child: found } = await graphqlOk<{ child: { documents: { id: string; downloadUrl: string }[] } }>(
    e2e.stack.gatewayUrl,
    manager,
    `query($id: ID!) { child(id: $id) { documents { id downloadUrl } } }`,
    { id: child.id },
  );
  const res = await fetch(`${origin()}${found.documents[0]!.downloadUrl}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="interim-care-order.pdf"/);
  expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);

  // In the child's audit trail: the download, by the team manager, of that document.
  type Entry = { actor: string; kind: string; entity: string; entityId: string; fields: string[] | null; service: string };
  const trail = await eventually(async () => {
    const r = await graphqlOk<{ auditTrail: Entry[] }>(e2e.stack.gatewayUrl, manager, `query($id: ID!) { auditTrail(childId: $id) { actor kind entity entityId fields service } }`, { id: child.id });
    return r.auditTrail.find((e) => e.entity === "Document" && e.kind === "read");
  }, 20_000);
  expect(trail).toEqual({ actor: "tm-docs", kind: "read", entity: "Document", entityId: doc.id, fields: ["Document.download"], service: "children" });
});
