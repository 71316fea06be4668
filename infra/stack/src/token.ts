import { homeClaim, isRole, OFSTED_URN, Role, ROLES, SCOPES, signIdentityToken, TENANT_CODE } from "@caregraph/platform";
import { parseArgs } from "node:util";
import { readDevKeys } from "./dev-keys";

/**
 * npm run token -- --role <ROLE> --tenant <code> [--home <URN>] [--user <id>] [--expires 8h]
 * Prints an access token for the running embedded stack as the last line of stdout. Roles and
 * what each may see: infra/platform/ACCESS.md. Residential staff need --home (their home's Ofsted URN).
 */
async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: "string", multiple: true, default: ["SOCIAL_WORKER"] },
        tenant: { type: "string", default: "E09000027" },
        home: { type: "string" },
        user: { type: "string" },
        expires: { type: "string", default: "8h" },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}; usage: npm run token -- --role <ROLE> --tenant <code> [--home <URN>] [--user <id>]`);
  }
  const roles = (values.role ?? []).flatMap((r) => r.split(",")).map((r) => r.trim().toUpperCase()).filter(Boolean);
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length || !roles.length) fail(`unknown role ${bad.join(", ") || "(none)"}; roles are: ${ROLES.join(", ")}`);
  if (!TENANT_CODE.test(values.tenant ?? "")) fail(`--tenant must be a local authority ONS code such as E09000027, got "${values.tenant}"`);
  const home = values.home === undefined ? undefined : values.home.trim().toUpperCase();
  if (home !== undefined && !homeClaim(home)) fail(`--home must be a children's home's Ofsted URN (${OFSTED_URN.source}, e.g. SC123456), got "${values.home}"`);
  const placedInHome = roles.filter((r) => SCOPES[r as Role] === "PLACED_IN_HOME");
  if (placedInHome.length && !home) fail(`${placedInHome.join(", ")} sees only the children placed in one home: give --home <Ofsted URN>, e.g. --home SC123456`);
  const keys = readDevKeys();
  if (!keys) fail("no development signing key yet: start the embedded stack with `npm start` first (the dev key exists only there)");
  const user = values.user ?? `dev-${(roles[0] ?? "user").toLowerCase().replace(/_/g, "-")}`;
  const token = await signIdentityToken(
    keys.privateKeyPem,
    { userId: user, roles: roles as Role[], tenant: values.tenant ?? "", home },
    { issuer: process.env.JWT_ISSUER ?? "caregraph", audience: process.env.JWT_AUDIENCE ?? "caregraph", expiresIn: values.expires },
  );
  process.stdout.write(`${token}\n`);
}

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

void main();
