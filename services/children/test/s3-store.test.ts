import { documentStoreFrom } from "../src/documents/store";
import { S3StandIn, startS3StandIn } from "./s3-stand-in";

/** The S3-compatible document store against the S3 stand-in (./s3-stand-in.ts; no real S3 here), which checks every signature itself. */
let s3: S3StandIn;
beforeAll(async () => {
  s3 = await startS3StandIn();
});
afterAll(() => s3.stop());

const noSql = { $executeRawUnsafe: async () => 0, $queryRawUnsafe: async () => [] as never };

it("puts, gets and deletes bytes with requests the stand-in's own SigV4 check accepts", async () => {
  const store = documentStoreFrom({ OBJECT_STORE_URL: s3.url("docs") });
  expect(store.kind).toBe("s3");
  const bytes = Buffer.from("%PDF-1.7\n%synthetic court order\n");
  await store.put(noSql, "E09000027/child-1/upload-1", bytes, "application/pdf");
  expect(s3.objects.get("/caregraph/docs/E09000027/child-1/upload-1")).toEqual({ bytes, type: "application/pdf" });
  expect((await store.get(noSql, "E09000027/child-1/upload-1"))?.equals(bytes)).toBe(true);
  expect(await store.get(noSql, "E09000027/child-1/missing")).toBeNull();
  await store.delete(noSql, "E09000027/child-1/upload-1");
  expect(s3.objects.size).toBe(0);
  expect(s3.seen.map((s) => [s.method, s.ok])).toEqual([["PUT", true], ["GET", true], ["GET", true], ["DELETE", true]]);
});

it("fails loudly when the store refuses the signature (a wrong secret)", async () => {
  const store = documentStoreFrom({ OBJECT_STORE_URL: s3.url("", "wrong-secret") });
  await expect(store.put(noSql, "k", Buffer.from("x"), "text/plain")).rejects.toThrow(/object store PUT failed: HTTP 403/);
  expect(s3.seen.at(-1)).toMatchObject({ method: "PUT", ok: false });
});

it("uses PostgreSQL large objects when OBJECT_STORE_URL is not set", () => {
  expect(documentStoreFrom({}).kind).toBe("postgres-large-objects");
});
