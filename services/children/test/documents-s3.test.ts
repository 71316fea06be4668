import { setClock } from "@caregraph/platform/clock";
import { roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import express from "express";
import { AddressInfo } from "node:net";
import { documentRoutes } from "../src/documents/http";
import { postgresDocumentStore } from "../src/documents/pg-store";
import { documentStoreFrom } from "../src/documents/store";
import { runRetentionCheck } from "../src/retention";
import { children } from "../src/service";
import { S3StandIn, startS3StandIn } from "./s3-stand-in";

/**
 * The children subgraph with OBJECT_STORE_URL set: the same upload, download and erasure, the
 * bytes in object storage (the S3 stand-in, ./s3-stand-in.ts: no real S3 is reachable here),
 * nothing in large objects. And with no DOCUMENT_URL_SECRET in production, documents are off.
 */
let s3: S3StandIn;
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3.stop());
afterEach(() => setClock(null));

// The service as production starts it, but its store is the one OBJECT_STORE_URL names.
const store = () => documentStoreFrom({ OBJECT_STORE_URL: s3.url("children") });
const env = serviceUnderTest({ ...children, routes: (deps) => documentRoutes(deps, store()) });
const as = roleTokens(env);
const base = () => env.svc.url.replace(/\/graphql$/, "");
const PDF = Buffer.from("%PDF-1.4\n%object storage\n%%EOF\n");

it("keeps the bytes in object storage, serves them back, and erasure deletes them", async () => {
  setClock("1966-06-01T10:00:00Z");
  const sw = await as("SOCIAL_WORKER");
  const reg = await env.svc.query<{ registerChild: { id: string } }>(sw, `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Oby", lastName: "Ject", dateOfBirth: "1952-01-10", sex: "MALE", lookedAfterSince: "1966-01-04", legalStatus: "C2" },
  });
  const childId = reg.data!.registerChild.id;
  const up = await env.svc.query<{ requestDocumentUpload: { uploadId: string; uploadUrl: string } }>(
    sw,
    `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadId uploadUrl } }`,
    { input: { childId, fileName: "order.pdf", contentType: "application/pdf", sizeBytes: PDF.length } },
  );
  const { uploadId, uploadUrl } = up.data!.requestDocumentUpload;
  expect((await fetch(`${base()}${uploadUrl}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: PDF })).status).toBe(201);
  expect([...s3.objects.keys()]).toEqual([`/caregraph/children/E09000027/${childId}/${uploadId}`]);
  const blobs = await env.svc.service.deps.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.document_blob`);
  expect(blobs[0]?.n).toBe(0);

  const doc = await env.svc.query<{ attachDocument: { downloadUrl: string } }>(sw, `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { downloadUrl } }`, {
    input: { childId, uploadId, kind: "COURT_ORDER", title: "Care order" },
  });
  const got = await fetch(`${base()}${doc.data!.attachDocument.downloadUrl}`);
  expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);

  setClock("2027-01-10T08:00:00Z"); // the 75th birthday
  expect(await runRetentionCheck(env.svc.service.deps, store())).toBe(1);
  expect(s3.objects.size).toBe(0);
  expect(s3.seen.every((r) => r.ok)).toBe(true);
});

it("with no DOCUMENT_URL_SECRET in production, the URLs answer 503 in JSON", async () => {
  const app = express().use(documentRoutes(env.svc.service.deps, postgresDocumentStore("children"), { NODE_ENV: "production" }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/documents/uploads/a.b`, { method: "PUT", body: "x" });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ errors: [{ message: expect.stringMatching(/DOCUMENT_URL_SECRET/), extensions: { code: "DOCUMENTS_NOT_CONFIGURED" } }] });
  } finally {
    server.close();
  }
});
