import { createTokenVerifier, generateSigningKeyPair, ROLES, withScopeClaims } from "@caregraph/platform";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The contract: `npm run token -- --role <ROLE> --tenant <code> [--home <URN>] [--user <id>]` prints a token (last line). */
const SCRIPT = join(__dirname, "..", "dist", "token.js");
const home = mkdtempSync(join(tmpdir(), "caregraph-token-"));
let keys: { privateKeyPem: string; publicKeyPem: string };

beforeAll(async () => {
  keys = await generateSigningKeyPair();
  mkdirSync(join(home, "dev-keys"), { recursive: true });
  writeFileSync(join(home, "dev-keys", "private.pem"), keys.privateKeyPem);
  writeFileSync(join(home, "dev-keys", "public.pem"), keys.publicKeyPem);
});

const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { env: { ...process.env, CAREGRAPH_HOME: home }, encoding: "utf8" });

it.each(ROLES.map((r) => [r]))("prints a verifiable token for %s", async (role) => {
  const args = ["--role", role, "--tenant", "E08000025", "--user", "u-7", ...(role === "RESIDENTIAL_STAFF" ? ["--home", "SC123456"] : [])];
  const out = run(...args);
  expect(out.status).toBe(0);
  const token = out.stdout.trim().split("\n").pop() ?? "";
  const verify = withScopeClaims(await createTokenVerifier(keys.publicKeyPem, { issuer: "caregraph", audience: "caregraph" }));
  expect(await verify(token)).toEqual({ userId: "u-7", roles: [role], tenant: "E08000025", ...(role === "RESIDENTIAL_STAFF" ? { home: "SC123456" } : {}) });
});

it.each([
  [["--role", "NURSE"], /unknown role NURSE; roles are: SOCIAL_WORKER/],
  [["--role", "IRO", "--tenant", "london"], /--tenant must be a local authority ONS code/],
  [["--role", "RESIDENTIAL_STAFF", "--tenant", "E09000027"], /give --home <Ofsted URN>/],
  [["--role", "RESIDENTIAL_STAFF", "--home", "123456"], /--home must be a children's home's Ofsted URN/],
])("%j is refused with a clear message", (args, message) => {
  const out = run(...args);
  expect(out.status).toBe(2);
  expect(out.stderr).toMatch(message);
  expect(out.stdout).toBe("");
});
