import { useSubgraphs } from "./use-subgraphs";
import { loadGatewayConfig } from "../src/config";
import { startGateway } from "../src/server";

/**
 * Issue 12: the gateway's /documents/* is the children subgraph's signed URLs, streamed both
 * ways, with no access token; errors (the subgraph's, or the subgraph unreachable) as JSON in
 * GraphQL's error shape, never naming the subgraph's address.
 */
const graph = useSubgraphs(["children"]);
const children = () => graph.subgraphs.get("children")!;

const origin = () => graph.gateway.url.replace(/\/graphql$/, "");
async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(graph.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await graph.keys.token()}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
const noLeak = (text: string) => {
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\/|ECONNREFUSED/);
  expect(text).not.toContain(`:${new URL(children().url).port}`);
};

it("uploads, attaches and downloads a file through the gateway's origin", async () => {
  const { registerChild } = await gql<{ registerChild: { id: string } }>(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName: "Gail", lastName: "Way", dateOfBirth: "2015-04-04", sex: "FEMALE", lookedAfterSince: "2026-10-01", legalStatus: "C2" },
  });
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256 * 1024, 7)]); // a quarter-megabyte JPEG, streamed
  const { requestDocumentUpload: up } = await gql<{ requestDocumentUpload: { uploadId: string; uploadUrl: string } }>(
    `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadId uploadUrl } }`,
    { input: { childId: registerChild.id, fileName: "life-story.jpg", contentType: "image/jpeg", sizeBytes: photo.length } },
  );
  const put = await fetch(`${origin()}${up.uploadUrl}`, { method: "PUT", headers: { "content-type": "image/jpeg" }, body: photo });
  expect(put.status).toBe(201);
  const { attachDocument } = await gql<{ attachDocument: { downloadUrl: string } }>(
    `mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { downloadUrl } }`,
    { input: { childId: registerChild.id, uploadId: up.uploadId, kind: "PHOTO", title: "Life story book photo" } },
  );
  const got = await fetch(`${origin()}${attachDocument.downloadUrl}`);
  expect(got.status).toBe(200);
  expect(got.headers.get("content-type")).toBe("image/jpeg");
  expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="life-story.jpg"/);
  expect(Buffer.from(await got.arrayBuffer()).equals(photo)).toBe(true);
});

it("passes the subgraph's refusals on as JSON errors, and a second PUT of a used URL is refused", async () => {
  const tampered = await fetch(`${origin()}/documents/downloads/eyJwIjoiZG93bmxvYWQifQ.AAAA`);
  const text = await tampered.text();
  expect(tampered.status).toBe(403);
  expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(/not valid/), extensions: { code: "INVALID_TOKEN" } }] });
  noLeak(text);
  const wrongMethod = await fetch(`${origin()}/documents/uploads/abc.def`, { method: "GET" });
  expect(wrongMethod.status).toBe(405);
  expect(((await wrongMethod.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("METHOD_NOT_ALLOWED");
  // Anything else under /documents is no route of the gateway's.
  expect((await fetch(`${origin()}/documents/other/thing/x`)).status).toBe(404);
});

it("answers 502 in JSON, naming no address, when the children subgraph cannot be reached", async () => {
  const lonely = await startGateway(loadGatewayConfig({ PORT: "0", JWT_PUBLIC_KEY: graph.keys.publicKeyPem, LOG_LEVEL: "silent" }), { CHILDREN_URL: "http://127.0.0.1:9/graphql" });
  try {
    const res = await fetch(`${lonely.url.replace(/\/graphql$/, "")}/documents/uploads/abc.def`, { method: "PUT", headers: { "content-type": "application/pdf" }, body: "%PDF-1.7" });
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "BAD_GATEWAY" } }] });
    noLeak(text);
  } finally {
    await lonely.stop();
  }
});
