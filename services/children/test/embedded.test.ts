import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RunningService, startService, tenantScopedClient, verifyAll } from "@caregraph/platform";
import { eventually, startTestBroker, testKeys } from "@caregraph/platform/testing";
import { children } from "../src/service";
import type { PrismaClient } from "../src/generated/prisma/client";

jest.setTimeout(120_000);

// The embedded mode `npm start` uses (PGlite, no DATABASE_URL): row-level security, the read
// audit, the collected trail and verify work there as on PostgreSQL.
let broker: Awaited<ReturnType<typeof startTestBroker>>;
let keys: Awaited<ReturnType<typeof testKeys>>;
let service: RunningService<PrismaClient>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "children-embedded-"));
  broker = await startTestBroker();
  keys = await testKeys();
  service = await startService(children, {
    CAREGRAPH_DATA_DIR: dir,
    KAFKA_BROKERS: broker.bootstrapServers,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  });
});
afterAll(async () => {
  await service?.stop();
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function gql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(service.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

it("on PGlite: a document's bytes go into a large object through the signed URL and come back out", async () => {
  const token = await keys.token({ tenant: "E08000025" }); // another tenant: the test below counts its own tenant's children
  const r = await gql(token, `mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Doc", lastName: "Embedded", dateOfBirth: "2013-02-01", sex: "MALE", lookedAfterSince: "2026-10-01", legalStatus: "C2" },
  });
  const childId = (r.data?.registerChild as { id: string }).id;
  const bytes = Buffer.from("%PDF-1.7\n%embedded\n");
  const up = await gql(token, `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadId uploadUrl } }`, {
    input: { childId, fileName: "plan.pdf", contentType: "application/pdf", sizeBytes: bytes.length },
  });
  const { uploadId, uploadUrl } = up.data?.requestDocumentUpload as { uploadId: string; uploadUrl: string };
  const base = service.url.replace(/\/graphql$/, "");
  expect((await fetch(`${base}${uploadUrl}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: bytes })).status).toBe(201);
  const doc = await gql(token, `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { downloadUrl } }`, {
    input: { childId, uploadId, kind: "CARE_PLAN", title: "Care plan" },
  });
  const url = (doc.data?.attachDocument as { downloadUrl: string }).downloadUrl;
  const got = await fetch(`${base}${url}`);
  expect(got.status).toBe(200);
  expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  const lo = await service.deps.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_largeobject_metadata`);
  expect(lo[0]?.n).toBe(1);
});

it("on PGlite: a tenant's query without a filter sees none of another tenant's children; reads are audited and reach the trail; verify passes", async () => {
  const token = await keys.token();
  const r = await gql(token, `mutation Register($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Emb", lastName: "Edded", dateOfBirth: "2014-05-01", sex: "FEMALE", lookedAfterSince: "2026-10-01", legalStatus: "C2" },
  });
  const id = (r.data?.registerChild as { id: string }).id;
  expect(id).toBeDefined();

  const db = service.deps.db;
  expect(await tenantScopedClient(db, "E08000003").$queryRawUnsafe(`SELECT id FROM child`)).toEqual([]);
  expect(await tenantScopedClient(db, "E09000027").$queryRawUnsafe(`SELECT id::text AS id FROM child`)).toEqual([{ id }]);
  expect(await tenantScopedClient(db, "E08000003").child.findMany()).toEqual([]);

  const manager = await keys.token({ roles: ["TEAM_MANAGER"], userId: "tm" });
  const trail = await eventually(async () => {
    const t = await gql(manager, `query Trail($id: ID!) { auditTrail(childId: $id) { kind operation actor } }`, { id });
    const entries = (t.data?.auditTrail ?? []) as { kind: string; operation: string }[];
    return entries.some((e) => e.kind === "read") ? entries : undefined;
  });
  expect(trail[0]).toMatchObject({ kind: "change", operation: "Register", actor: "test-social-worker" });

  await service.stop();
  expect((await verifyAll({ dataDir: dir })).map((c) => [c.schema, c.broken])).toEqual([["children", null]]);
});
