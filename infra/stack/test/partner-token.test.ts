import { createTokenVerifier, generateSigningKeyPair, PARTNER_NAMES, withScopeClaims } from "@caregraph/platform";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDevPartners, partnerToken } from "../src/dev-partners";

/** The contract: `npm run partner:token -- --partner <name>` prints a partner agency's token (last line), living at most 1 hour. */
const SCRIPT = join(__dirname, "..", "dist", "partner-token.js");
const home = mkdtempSync(join(tmpdir(), "caregraph-partner-token-"));
let keys: { privateKeyPem: string; publicKeyPem: string };

beforeAll(async () => {
  keys = await generateSigningKeyPair();
  mkdirSync(join(home, "dev-keys"), { recursive: true });
  writeFileSync(join(home, "dev-keys", "private.pem"), keys.privateKeyPem);
  writeFileSync(join(home, "dev-keys", "public.pem"), keys.publicKeyPem);
});

const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { env: { ...process.env, CAREGRAPH_HOME: home }, encoding: "utf8" });
const verify = async (token: string) => withScopeClaims(await createTokenVerifier(keys.publicKeyPem, { issuer: "caregraph", audience: "caregraph" }))(token);
const claims = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { exp: number; iat: number };

it.each(PARTNER_NAMES.map((p) => [p]))("prints a verifiable token for %s, naming the agency, for an hour", async (partner) => {
  const out = run("--partner", partner);
  expect(out.status).toBe(0);
  const token = out.stdout.trim().split("\n").pop() ?? "";
  expect(await verify(token)).toEqual({ userId: partner, roles: ["PARTNER"], tenant: "E09000027", partner });
  const { exp, iat } = claims(token);
  expect(exp - iat).toBe(3600);
});

it("keeps the agencies' client credentials in a registry of the embedded stack's own, readable by its owner only", () => {
  run("--partner", "county-police");
  const file = join(home, "dev-partners.json");
  expect(existsSync(file)).toBe(true);
  expect(statSync(file).mode & 0o077).toBe(0);
  const registry = JSON.parse(readFileSync(file, "utf8")) as Record<string, { clientId: string; clientSecret: string; tenant: string }>;
  expect(Object.keys(registry).sort()).toEqual([...PARTNER_NAMES].sort());
  expect(registry["county-police"]).toEqual({ clientId: "county-police", clientSecret: expect.stringMatching(/^[\w-]{32}$/), tenant: "E09000027" });
});

it("the exchange refuses a wrong secret, an unknown client and a token longer than an hour", async () => {
  const registry = ensureDevPartners(join(home, "other.json"));
  const good = registry["riverside-school"]!;
  await expect(partnerToken(registry, { clientId: good.clientId, clientSecret: "guessed" }, keys.privateKeyPem)).rejects.toThrow(/invalid client credentials/);
  await expect(partnerToken(registry, { clientId: "nosy-agency", clientSecret: good.clientSecret }, keys.privateKeyPem)).rejects.toThrow(/invalid client credentials/);
  await expect(partnerToken(registry, good, keys.privateKeyPem, { expiresIn: "2h" })).rejects.toThrow(/at most 1h/);
  const short = claims(await partnerToken(registry, good, keys.privateKeyPem, { expiresIn: "15m" }));
  expect(short.exp - short.iat).toBe(900);
});

it.each([
  [[], /give --partner <name>; partner agencies are: northbrook-health/],
  [["--partner", "nosy-agency"], /unknown partner agency "nosy-agency"/],
  [["--partner", "county-police", "--expires", "8h"], /--expires must be at most 1h/],
  [["--partner", "county-police", "--tenant", "london"], /--tenant must be a local authority ONS code/],
])("%j is refused with a clear message", (args, message) => {
  const out = run(...args);
  expect(out.status).toBe(2);
  expect(out.stderr).toMatch(message);
  expect(out.stdout).toBe("");
});
