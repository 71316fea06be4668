import { checkUploadedBytes, checkUploadRequest, MAX_DOCUMENT_BYTES } from "../src/domain/documents";
import { signRequest } from "../src/documents/sigv4";
import { parseObjectStoreUrl } from "../src/documents/s3-store";
import { documentUrlSecret, signToken, verifyToken } from "../src/documents/tokens";

/** Issue 12: the rules of documents, without a database. */
const PDF = Buffer.from("%PDF-1.7\n%synthetic\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const DOCX = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]);
const EXE = Buffer.from("MZ\x90\x00\x03\x00\x00\x00this program cannot be run in DOS mode", "latin1");
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("requestDocumentUpload's input", () => {
  it.each([
    ["a PDF of 1 KB", { fileName: "order.pdf", contentType: "application/pdf", sizeBytes: 1024 }, []],
    ["exactly the limit", { fileName: "scan.png", contentType: "image/png", sizeBytes: MAX_DOCUMENT_BYTES }, []],
    ["a type with parameters", { fileName: "note.txt", contentType: "text/plain; charset=utf-8", sizeBytes: 10 }, []],
    ["one byte over the limit", { fileName: "big.pdf", contentType: "application/pdf", sizeBytes: MAX_DOCUMENT_BYTES + 1 }, ["input.sizeBytes:FILE_TOO_LARGE"]],
    ["an empty file", { fileName: "empty.pdf", contentType: "application/pdf", sizeBytes: 0 }, ["input.sizeBytes:EMPTY_FILE"]],
    ["an executable", { fileName: "setup.exe", contentType: "application/x-msdownload", sizeBytes: 100 }, ["input.contentType:FORBIDDEN_CONTENT_TYPE"]],
    ["HTML (could run script)", { fileName: "page.html", contentType: "text/html", sizeBytes: 100 }, ["input.contentType:FORBIDDEN_CONTENT_TYPE"]],
    ["a path in the name", { fileName: "../../etc/passwd", contentType: "text/plain", sizeBytes: 100 }, ["input.fileName:INVALID_FILE_NAME"]],
    ["a blank name", { fileName: "  ", contentType: "text/plain", sizeBytes: 100 }, ["input.fileName:INVALID_FILE_NAME"]],
  ])("%s", (_, input, expected) => {
    expect(checkUploadRequest(input).map(([f, c]) => `${f}:${c}`)).toEqual(expected);
  });

  it("names the rule and the limit in words", () => {
    const [problem] = checkUploadRequest({ fileName: "big.pdf", contentType: "application/pdf", sizeBytes: MAX_DOCUMENT_BYTES + 1 });
    expect(problem?.[2]).toMatch(/limit is 20971520 bytes \(20 MB\)/);
  });
});

describe("the uploaded bytes", () => {
  it.each([
    ["a PDF", "application/pdf", "application/pdf", PDF, null],
    ["a PNG", "image/png", "image/png", PNG, null],
    ["a JPEG", "image/jpeg", "image/jpeg", JPEG, null],
    ["a .docx", DOCX_TYPE, DOCX_TYPE, DOCX, null],
    ["UTF-8 text", "text/plain", "text/plain; charset=utf-8", Buffer.from("Contact notes — café"), null],
    ["an .exe renamed .pdf", "application/pdf", "application/pdf", EXE, "415:CONTENT_DOES_NOT_MATCH_TYPE"],
    ["a PNG declared as JPEG", "image/jpeg", "image/jpeg", PNG, "415:CONTENT_DOES_NOT_MATCH_TYPE"],
    ["binary sent as text", "text/plain", "text/plain", EXE, "415:CONTENT_DOES_NOT_MATCH_TYPE"],
    ["sent with another Content-Type", "application/pdf", "image/png", PDF, "415:CONTENT_TYPE_MISMATCH"],
    ["sent with no Content-Type", "application/pdf", undefined, PDF, "415:CONTENT_TYPE_MISMATCH"],
  ])("%s", (_, declared, sent, bytes, expected) => {
    const r = checkUploadedBytes({ contentType: declared, sizeBytes: 1000 }, sent, bytes);
    expect(r ? `${r.status}:${r.code}` : null).toBe(expected);
  });

  it("refuses more bytes than declared (413) even when under the limit", () => {
    expect(checkUploadedBytes({ contentType: "application/pdf", sizeBytes: 5 }, "application/pdf", PDF)).toMatchObject({ status: 413, code: "FILE_TOO_LARGE" });
  });
});

describe("signed URL tokens", () => {
  const secret = documentUrlSecret({})!;
  const at = new Date("2026-12-01T10:00:00Z");
  const claims = { p: "upload" as const, t: "E09000027", c: "c1", u: "u1", e: at.getTime() / 1000 + 900 };

  it("verify until they expire, then say so", () => {
    const token = signToken(secret, claims);
    expect(verifyToken(secret, token, "upload", at)).toEqual({ ok: true, claims });
    expect(verifyToken(secret, token, "upload", new Date(at.getTime() + 899_000)).ok).toBe(true);
    expect(verifyToken(secret, token, "upload", new Date(at.getTime() + 900_000))).toMatchObject({ ok: false, code: "EXPIRED_TOKEN" });
  });

  it("refuse a changed claim, another secret, another purpose or garbage", () => {
    const token = signToken(secret, claims);
    const [, sig] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ ...claims, t: "E08000025" })).toString("base64url")}.${sig}`;
    expect(verifyToken(secret, forged, "upload", at)).toMatchObject({ ok: false, code: "INVALID_TOKEN" });
    expect(verifyToken("another-secret-that-is-long-enough-000", token, "upload", at)).toMatchObject({ ok: false, code: "INVALID_TOKEN" });
    expect(verifyToken(secret, token, "download", at)).toMatchObject({ ok: false, code: "INVALID_TOKEN" });
    for (const junk of ["", "x", "a.b.c", `${token}x`]) expect(verifyToken(secret, junk, "upload", at).ok).toBe(false);
  });

  it("need DOCUMENT_URL_SECRET in production (documents are off without it), of 32 characters or more", () => {
    expect(documentUrlSecret({ NODE_ENV: "production" })).toBeNull();
    expect(() => documentUrlSecret({ DOCUMENT_URL_SECRET: "short" })).toThrow(/at least 32/);
    expect(documentUrlSecret({ NODE_ENV: "production", DOCUMENT_URL_SECRET: "s".repeat(32) })).toBe("s".repeat(32));
  });
});

describe("S3 request signing (SigV4)", () => {
  it("matches AWS's worked example (GET Object, 'Signature Calculations for the Authorization Header')", () => {
    const headers = signRequest(
      { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" },
      {
        method: "GET",
        path: "/test.txt",
        headers: { host: "examplebucket.s3.amazonaws.com", range: "bytes=0-9" },
        payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      },
      new Date("2013-05-24T00:00:00Z"),
    );
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it.each([
    ["s3://AK:SK@store.example:9000/caregraph?region=eu-west-1", { endpoint: "https://store.example:9000", bucket: "caregraph", prefix: "", region: "eu-west-1", accessKeyId: "AK" }],
    ["s3+http://AK:S%2FK@127.0.0.1:9000/docs/children/", { endpoint: "http://127.0.0.1:9000", bucket: "docs", prefix: "children/", region: "eu-west-2", secretAccessKey: "S/K" }],
  ])("reads OBJECT_STORE_URL %s", (url, expected) => {
    expect(parseObjectStoreUrl(url)).toMatchObject(expected);
  });

  it.each(["http://AK:SK@host/bucket", "s3://host/bucket", "s3://AK:SK@host/", "not a url"])("refuses OBJECT_STORE_URL %s, naming it", (url) => {
    expect(() => parseObjectStoreUrl(url)).toThrow(/OBJECT_STORE_URL/);
  });
});
