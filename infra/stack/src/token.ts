import { isRole, Role, ROLES, signAccessToken, TENANT_CODE } from "@caregraph/platform";
import { parseArgs } from "node:util";
import { readDevKeys } from "./dev-keys";

/**
 * npm run token -- --role SOCIAL_WORKER --tenant E09000027 [--user sw-1] [--expires 8h]
 * Prints an access token for the running embedded stack as the last line of stdout.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: "string", multiple: true, default: ["SOCIAL_WORKER"] },
      tenant: { type: "string", default: "E09000027" },
      user: { type: "string", default: "dev-social-worker" },
      expires: { type: "string", default: "8h" },
    },
  });
  const roles = (values.role ?? []).flatMap((r) => r.split(","));
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) fail(`unknown role ${bad.join(", ")}; roles are: ${ROLES.join(", ")}`);
  if (!TENANT_CODE.test(values.tenant ?? "")) fail(`--tenant must be a local authority ONS code such as E09000027, got "${values.tenant}"`);
  const keys = readDevKeys();
  if (!keys) fail("no development signing key yet: start the embedded stack with `npm start` first (the dev key exists only there)");
  const token = await signAccessToken(
    keys.privateKeyPem,
    { userId: values.user ?? "dev-social-worker", roles: roles as Role[], tenant: values.tenant ?? "" },
    { issuer: process.env.JWT_ISSUER ?? "caregraph", audience: process.env.JWT_AUDIENCE ?? "caregraph", expiresIn: values.expires },
  );
  process.stdout.write(`${token}\n`);
}

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

void main();
