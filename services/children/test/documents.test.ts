import { setClock } from "@caregraph/platform/clock";
import { roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { largeObjectCount } from "../src/documents/pg-store";
import { documentStoreFrom } from "../src/documents/store";
import { sweepAbandonedUploads } from "../src/documents/sweep";
import { runRetentionCheck } from "../src/retention";
import { children } from "../src/service";

/** Issue 12: documents through signed URLs, against real PostgreSQL (large objects). */
const env = serviceUnderTest(children);
const as = roleTokens(env);
const db = () => env.svc.service.deps.db;
const base = () => env.svc.url.replace(/\/graphql$/, "");

afterEach(() => setClock(null));

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const PDF2 = Buffer.from("%PDF-1.7\n% the sealed order, second version\n%%EOF\n");
const EXE = Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.", "latin1");

async function register(dateOfBirth = "2014-05-01", lookedAfterSince = "2026-10-01"): Promise<string> {
  const r = await env.svc.query<{ registerChild: { id: string } }>(await as("SOCIAL_WORKER"), `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Dee", lastName: `Ocument-${randomUUID().slice(0, 8)}`, dateOfBirth, sex: "FEMALE", lookedAfterSince, legalStatus: "C2" },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}

const REQUEST = `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadId uploadUrl expiresAt maxBytes } }`;
type Upload = { uploadId: string; uploadUrl: string; expiresAt: string; maxBytes: number };
async function requestUpload(childId: string, over: Partial<{ fileName: string; contentType: string; sizeBytes: number }> = {}, role = "SOCIAL_WORKER") {
  return env.svc.query<{ requestDocumentUpload: Upload }>(await as(role as never), REQUEST, {
    input: { childId, fileName: "interim-care-order.pdf", contentType: "application/pdf", sizeBytes: PDF.length, ...over },
  });
}
const put = (url: string, body: Buffer, contentType = "application/pdf") => fetch(`${base()}${url}`, { method: "PUT", headers: { "content-type": contentType }, body });

const ATTACH = `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) {
  id kind title downloadUrl currentVersion { version fileName contentType sizeBytes uploadedBy } versions { version sizeBytes } } }`;
type Doc = { id: string; kind: string; title: string; downloadUrl: string; currentVersion: { version: number; fileName: string; contentType: string; sizeBytes: number; uploadedBy: string }; versions: { version: number; sizeBytes: number }[] };
async function attach(childId: string, uploadId: string, more: Record<string, unknown> = {}) {
  return env.svc.query<{ attachDocument: Doc }>(await as("SOCIAL_WORKER"), ATTACH, { input: { childId, uploadId, kind: "COURT_ORDER", title: "Interim care order", ...more } });
}

/** Upload and attach one file; the document as attachDocument answers it. */
async function fileDocument(childId: string, bytes = PDF, more: Record<string, unknown> = {}): Promise<Doc> {
  const up = await requestUpload(childId, { sizeBytes: bytes.length });
  const sent = await put(up.data!.requestDocumentUpload.uploadUrl, bytes);
  expect(sent.status).toBe(201);
  const doc = await attach(childId, up.data!.requestDocumentUpload.uploadId, more);
  if (!doc.data) throw new Error(JSON.stringify(doc.errors));
  return doc.data.attachDocument;
}

const errorOf = async (res: Response) => ((await res.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]!;

describe("uploading", () => {
  it("requestDocumentUpload refuses a file too large or of a forbidden type, naming the field and the rule", async () => {
    const child = await register();
    const big = await requestUpload(child, { sizeBytes: 20 * 1024 * 1024 + 1 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sizeBytes", rule: "FILE_TOO_LARGE" });
    const exe = await requestUpload(child, { fileName: "setup.exe", contentType: "application/x-msdownload" });
    expect(exe.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contentType", rule: "FORBIDDEN_CONTENT_TYPE" });
    expect(exe.errors?.[0]?.message).toMatch(/application\/pdf/);
  });

  it("gives a signed URL valid 15 minutes; the PUT stores the bytes once", async () => {
    setClock("2026-12-01T10:00:00Z");
    const child = await register();
    const up = (await requestUpload(child)).data!.requestDocumentUpload;
    expect(up.uploadUrl).toMatch(/^\/documents\/uploads\/[\w-]+\.[\w-]+$/);
    expect(new Date(up.expiresAt).getTime() - new Date("2026-12-01T10:00:00Z").getTime()).toBeLessThanOrEqual(15 * 60_000);
    expect(new Date(up.expiresAt).getTime() - new Date("2026-12-01T10:00:00Z").getTime()).toBeGreaterThan(14 * 60_000);
    expect(up.maxBytes).toBe(PDF.length);
    const res = await put(up.uploadUrl, PDF);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ uploadId: up.uploadId, sizeBytes: PDF.length, contentType: "application/pdf" });
    const again = await put(up.uploadUrl, PDF);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).extensions.code).toBe("UPLOAD_ALREADY_USED");
  });

  it("of two PUTs to one URL at once, one stores its bytes", async () => {
    const child = await register();
    const up = (await requestUpload(child)).data!.requestDocumentUpload;
    const statuses = (await Promise.all([put(up.uploadUrl, PDF), put(up.uploadUrl, PDF)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const blobs = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.document_blob WHERE key LIKE $1`, `%/${up.uploadId}`);
    expect(blobs[0]?.n).toBe(1);
  });

  it.each([
    ["more bytes than declared", { sizeBytes: 10 }, PDF, "application/pdf", 413, "FILE_TOO_LARGE"],
    ["an .exe renamed .pdf", { sizeBytes: EXE.length }, EXE, "application/pdf", 415, "CONTENT_DOES_NOT_MATCH_TYPE"],
    ["a Content-Type other than declared", {}, PDF, "image/png", 415, "CONTENT_TYPE_MISMATCH"],
  ])("refuses %s, as JSON in GraphQL's error shape, and stores nothing", async (_, over, body, type, status, code) => {
    const child = await register();
    const up = (await requestUpload(child, over)).data!.requestDocumentUpload;
    const before = await largeObjectCount(db());
    const res = await put(up.uploadUrl, body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect((await errorOf(res)).extensions.code).toBe(code);
    expect(await largeObjectCount(db())).toBe(before);
    const attached = await attach(child, up.uploadId);
    expect(attached.errors?.[0]?.extensions).toMatchObject({ field: "input.uploadId", rule: "NOT_UPLOADED" });
  });

  it("refuses an expired or tampered URL with 403 (platform clock)", async () => {
    setClock("2026-12-01T10:00:00Z");
    const child = await register();
    const up = (await requestUpload(child)).data!.requestDocumentUpload;
    const tampered = up.uploadUrl.replace(/\.(.)/, (_, c: string) => `.${c === "A" ? "B" : "A"}`);
    const bad = await put(tampered, PDF);
    expect([bad.status, (await errorOf(bad)).extensions.code]).toEqual([403, "INVALID_TOKEN"]);
    setClock("2026-12-01T10:15:01Z");
    const late = await put(up.uploadUrl, PDF);
    expect([late.status, (await errorOf(late)).extensions.code]).toEqual([403, "EXPIRED_TOKEN"]);
  });

  it("only social workers and team managers may upload", async () => {
    const child = await register();
    for (const role of ["TEAM_MANAGER"]) expect((await requestUpload(child, {}, role)).data?.requestDocumentUpload.uploadId).toBeDefined();
    for (const role of ["IRO", "RESIDENTIAL_STAFF", "HEALTH_PROFESSIONAL"]) {
      expect((await requestUpload(child, {}, role)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});

describe("attaching, versions and downloading", () => {
  it("attaches once, adds version 2 with replacesDocumentId, lists them on the child newest first", async () => {
    const child = await register();
    const first = await fileDocument(child);
    expect(first).toMatchObject({ kind: "COURT_ORDER", title: "Interim care order", currentVersion: { version: 1, fileName: "interim-care-order.pdf", contentType: "application/pdf", sizeBytes: PDF.length } });
    const second = await fileDocument(child, PDF2, { replacesDocumentId: first.id, title: "Care order (final)" });
    expect(second.id).toBe(first.id);
    expect(second.title).toBe("Care order (final)");
    expect(second.versions).toEqual([{ version: 2, sizeBytes: PDF2.length }, { version: 1, sizeBytes: PDF.length }]);
    const listed = await env.svc.query<{ child: { documents: Doc[] } }>(await as("IRO"), `query($id: ID!) { child(id: $id) { documents { id currentVersion { version } } } }`, { id: child });
    // An IRO not allocated to the child is not shown the child at all; the social worker is.
    expect(listed.data?.child).toBeNull();
    const sw = await env.svc.query<{ child: { documents: { id: string; currentVersion: { version: number } }[] } }>(
      await as("SOCIAL_WORKER"),
      `query($id: ID!) { child(id: $id) { documents { id currentVersion { version } } } }`,
      { id: child },
    );
    expect(sw.data?.child.documents).toEqual([{ id: first.id, currentVersion: { version: 2 } }]);
    const residential = await env.svc.query(await as("HEALTH_PROFESSIONAL"), `query($id: ID!) { child(id: $id) { documents { id } } }`, { id: child });
    expect(residential.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses attaching an upload twice, and another child's upload", async () => {
    const child = await register();
    const other = await register();
    const up = (await requestUpload(child)).data!.requestDocumentUpload;
    await put(up.uploadUrl, PDF);
    expect((await attach(other, up.uploadId)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await attach(child, up.uploadId)).data?.attachDocument.id).toBeDefined();
    expect((await attach(child, up.uploadId)).errors?.[0]?.extensions).toMatchObject({ rule: "ALREADY_ATTACHED" });
  });

  it("a download link gives the bytes as an attachment and writes an audit entry by its subject; each version its own", async () => {
    const child = await register();
    const first = await fileDocument(child);
    await fileDocument(child, PDF2, { replacesDocumentId: first.id });
    const tm = await as("TEAM_MANAGER");
    const urls = await env.svc.query<{ child: { documents: { v1: string; current: string }[] } }>(
      tm,
      `query($id: ID!) { child(id: $id) { documents { v1: downloadUrl(version: 1) current: downloadUrl } } }`,
      { id: child },
    );
    const { v1, current } = urls.data!.child.documents[0]!;
    expect(current).toMatch(/^\/documents\/downloads\//);
    const res = await fetch(`${base()}${current}`, { headers: { "x-request-id": `dl-${child}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="interim-care-order.pdf"; filename*=UTF-8''interim-care-order.pdf`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF2)).toBe(true);
    expect(Buffer.from(await (await fetch(`${base()}${v1}`)).arrayBuffer()).equals(PDF)).toBe(true);
    const entries = await db().$queryRawUnsafe<{ actor: string; kind: string; entity: string; entity_id: string; details: unknown; fields: unknown; role: string }[]>(
      `SELECT actor, kind, entity, entity_id, details, fields, role FROM children.audit_entry WHERE request_id = $1`,
      `dl-${child}`,
    );
    expect(entries).toEqual([
      { actor: "test-team-manager", kind: "read", entity: "Document", entity_id: first.id, details: { version: 2 }, fields: ["Document.download"], role: "TEAM_MANAGER" },
    ]);
  });

  it("refuses an expired or tampered download link with 403 JSON", async () => {
    setClock("2026-12-01T10:00:00Z");
    const child = await register();
    const doc = await fileDocument(child);
    const tampered = await fetch(`${base()}${doc.downloadUrl.slice(0, -2)}xx`);
    expect([tampered.status, (await errorOf(tampered)).extensions.code]).toEqual([403, "INVALID_TOKEN"]);
    setClock("2026-12-01T10:05:01Z");
    const late = await fetch(`${base()}${doc.downloadUrl}`);
    expect([late.status, (await errorOf(late)).extensions.code]).toEqual([403, "EXPIRED_TOKEN"]);
    expect((await fetch(`${base()}${doc.downloadUrl}`, { method: "POST" })).status).toBe(405);
  });

  it("writes DocumentAttached to the chronology, with no title, file name or content", async () => {
    const child = await register();
    const doc = await fileDocument(child, PDF, { title: "Letter naming the birth mother" });
    const rows = await db().$queryRawUnsafe<{ envelope: { type: string; payload: Record<string, unknown> } }[]>(
      `SELECT envelope FROM children.outbox_event WHERE key = $1 AND type = 'ChronologyEntryRecorded' AND envelope::text LIKE '%DocumentAttached%'`,
      child,
    );
    expect(rows.map((r) => r.envelope.payload)).toEqual([expect.objectContaining({ kind: "DocumentAttached", entryId: `document:${doc.id}:v1`, summary: "Court order added to the file" })]);
    expect(JSON.stringify(rows)).not.toMatch(/birth mother|interim-care-order|PDF-1/);
  });
});

describe("archiving and erasure", () => {
  it("an archived child's documents cannot be added to", async () => {
    const child = await register();
    await env.svc.query(await as("SOCIAL_WORKER"), `mutation($id: ID!) { archiveChild(id: $id) { id } }`, { id: child });
    expect((await requestUpload(child)).errors?.[0]?.extensions).toMatchObject({ rule: "CHILD_ARCHIVED" });
  });

  it("once the record is archived, only social workers and team managers can follow a download link", async () => {
    const child = await register();
    await fileDocument(child);
    const urlFor = async (role: "UASC_COORDINATOR" | "SOCIAL_WORKER") =>
      (await env.svc.query<{ child: { documents: { downloadUrl: string }[] } }>(await as(role), `query($id: ID!) { child(id: $id) { documents { downloadUrl } } }`, { id: child })).data!.child
        .documents[0]!.downloadUrl;
    const [uc, sw] = [await urlFor("UASC_COORDINATOR"), await urlFor("SOCIAL_WORKER")];
    expect((await fetch(`${base()}${uc}`)).status).toBe(200);
    await env.svc.query(await as("SOCIAL_WORKER"), `mutation($id: ID!) { archiveChild(id: $id) { id } }`, { id: child });
    const refused = await fetch(`${base()}${uc}`);
    expect([refused.status, (await errorOf(refused)).extensions.code]).toEqual([404, "NOT_FOUND"]);
    expect((await fetch(`${base()}${sw}`)).status).toBe(200);
  });

  it("erasure at the 75th birthday unlinks the large objects (attached and not) and the rows", async () => {
    setClock("1966-06-01T10:00:00Z");
    const old = await register("1952-01-10", "1966-01-04"); // 75 on 10 Jan 2027
    await fileDocument(old);
    const pending = (await requestUpload(old)).data!.requestDocumentUpload;
    await put(pending.uploadUrl, PDF); // sent, never attached
    setClock("2026-12-01T10:00:00Z");
    const keep = await register("2012-03-03");
    await fileDocument(keep);
    const before = await largeObjectCount(db());
    setClock("2027-01-10T08:00:00Z");
    expect(await runRetentionCheck(env.svc.service.deps)).toBeGreaterThanOrEqual(1);
    expect(await largeObjectCount(db())).toBe(before - 2);
    for (const table of ["document", "document_version", "document_upload"]) {
      const n = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.${table} WHERE child_id = $1::uuid`, old);
      expect([table, n[0]?.n]).toEqual([table, 0]);
    }
    const orphans = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_largeobject_metadata m WHERE NOT EXISTS (SELECT 1 FROM children.document_blob b WHERE b.oid::oid = m.oid)`,
    );
    expect(orphans[0]?.n).toBe(0);
  });
});

describe("uploads never attached", () => {
  it("are deleted, bytes and all, a day after their link expired; attached files and fresh uploads stay", async () => {
    setClock("2026-12-01T09:00:00Z");
    const child = await register();
    const filed = await fileDocument(child);
    const sent = (await requestUpload(child)).data!.requestDocumentUpload;
    expect((await put(sent.uploadUrl, PDF)).status).toBe(201);
    const neverSent = (await requestUpload(child)).data!.requestDocumentUpload;
    const mine = (id: string) => db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM children.document_upload WHERE id = $1::uuid`, id).then((r) => r[0]!.n);
    const store = documentStoreFrom();

    // The links expire at 09:15; a day later the uploads are still kept, a minute after that they go.
    setClock("2026-12-02T09:14:00Z");
    await sweepAbandonedUploads(env.svc.service.deps, store);
    expect([await mine(sent.uploadId), await mine(neverSent.uploadId)]).toEqual([1, 1]);
    const objects = await largeObjectCount(db());
    setClock("2026-12-02T09:16:00Z");
    expect(await sweepAbandonedUploads(env.svc.service.deps, store)).toBeGreaterThanOrEqual(2);
    expect([await mine(sent.uploadId), await mine(neverSent.uploadId)]).toEqual([0, 0]);
    expect(await largeObjectCount(db())).toBe(objects - 1);
    // The filed document is untouched, bytes included (a fresh link: the first one has expired).
    const fresh = await env.svc.query<{ _entities: { documents: { id: string; downloadUrl: string }[] }[] }>(
      await as("SOCIAL_WORKER"),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { documents { id downloadUrl } } } }`,
      { r: [{ __typename: "Child", id: child }] },
    );
    const link = fresh.data!._entities[0]!.documents.find((d) => d.id === filed.id)!.downloadUrl;
    const download = await fetch(`${base()}${link}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    // The swept upload can no longer be attached.
    const late = await attach(child, sent.uploadId);
    expect(late.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
