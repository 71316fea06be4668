import { PARTNER_NAMES, PARTNERS } from "@caregraph/platform";
import { parseArgs } from "node:util";
import { readDevKeys } from "./dev-keys";
import { ClientCredentialsError, ensureDevPartners, partnerToken } from "./dev-partners";

/**
 * npm run partner:token -- --partner <name> [--tenant <code>] [--expires 1h]
 * Prints a partner agency's access token (at most 1 hour) for the running embedded stack as the
 * last line of stdout: the agency's client id and secret from the development registry
 * (.caregraph/dev-partners.json) exchanged client-credentials style. With it the agency may run only
 * its own persisted operations (schema/persisted-queries/<name>.json), by id, for the children
 * shared with it by an information-sharing agreement.
 */
async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: { partner: { type: "string" }, tenant: { type: "string" }, expires: { type: "string" } } }));
  } catch (e) {
    fail(`${(e as Error).message}; usage: npm run partner:token -- --partner <name> [--tenant <code>] [--expires 1h]`);
  }
  const name = values.partner?.trim();
  if (!name) fail(`give --partner <name>; partner agencies are: ${PARTNER_NAMES.join(", ")}`);
  if (!PARTNER_NAMES.includes(name as (typeof PARTNER_NAMES)[number])) fail(`unknown partner agency "${name}"; partner agencies are: ${PARTNER_NAMES.join(", ")}`);
  const keys = readDevKeys();
  if (!keys) fail("no development signing key yet: start the embedded stack with `npm start` first (the dev key exists only there)");
  const registry = ensureDevPartners();
  const { clientId, clientSecret } = registry[name]!;
  try {
    const token = await partnerToken(registry, { clientId, clientSecret }, keys.privateKeyPem, {
      expiresIn: values.expires,
      tenant: values.tenant,
      issuer: process.env.JWT_ISSUER,
      audience: process.env.JWT_AUDIENCE,
    });
    process.stderr.write(`${name} (${PARTNERS[name as keyof typeof PARTNERS].kind}): its operations are in schema/persisted-queries/${name}.json\n`);
    process.stdout.write(`${token}\n`);
  } catch (e) {
    if (e instanceof ClientCredentialsError) fail(e.message);
    throw e;
  }
}

function fail(message: string): never {
  process.stderr.write(`partner:token: ${message}\n`);
  process.exit(2);
}

void main();
