import { signIdentityToken, TENANT_CODE } from "@caregraph/platform";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readDevKeys } from "./dev-keys";
import { subjectAccessExport } from "./subject-access";

/**
 * npm run sar -- --child <id> [--tenant <code>] [--gateway <url>] [--token <token>] [--out <file>]
 * Exports everything CareGraph holds about one child, across every subgraph, with the audit trail
 * of who read or changed it, as JSON (stdout, or --out). The export is itself a read of the record,
 * so it is in the audit trail too. On the embedded stack it signs its own token (social worker and
 * team manager); elsewhere pass a token from the identity provider with --token.
 */
async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        child: { type: "string" },
        tenant: { type: "string", default: "E09000027" },
        gateway: { type: "string", default: `http://localhost:${process.env.PORT ?? 4000}/graphql` },
        token: { type: "string" },
        out: { type: "string" },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}; usage: npm run sar -- --child <id> [--tenant <code>] [--out <file>]`);
  }
  if (!values.child) fail("give the child's id: npm run sar -- --child <id>");
  if (!TENANT_CODE.test(values.tenant ?? "")) fail(`--tenant must be a local authority ONS code such as E09000027, got "${values.tenant}"`);
  let token = values.token;
  if (!token) {
    const keys = readDevKeys();
    if (!keys) fail("no development signing key: start the embedded stack with `npm start`, or pass --token");
    token = await signIdentityToken(
      keys.privateKeyPem,
      { userId: "subject-access-request", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"], tenant: values.tenant ?? "" },
      { issuer: process.env.JWT_ISSUER ?? "caregraph", audience: process.env.JWT_AUDIENCE ?? "caregraph", expiresIn: "15m" },
    );
  }
  const result = await subjectAccessExport(values.gateway ?? "", token, values.child).catch((e: Error) => fail(e.message));
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, json, { mode: 0o600 }); // personal data: the owner only
    process.stderr.write(`sar: wrote ${values.out} (${Object.keys(result.record).length} fields, ${result.auditTrail.length} audit entries${result.notExported.length ? `, ${result.notExported.length} fields not exported: see notExported` : ""})\n`);
  } else process.stdout.write(json);
}

function fail(message: string): never {
  process.stderr.write(`sar: ${message}\n`);
  process.exit(2);
}

void main();
