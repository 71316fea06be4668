import { isPartner, PARTNER_NAMES, signIdentityToken, TENANT_CODE } from "@caregraph/platform";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { HOME } from "./paths";

/**
 * The development registry of partner agencies' client credentials, for the embedded stack only:
 * .caregraph/dev-partners.json (never committed, like the dev signing key), one entry per agency
 * of the access matrix (infra/platform/src/auth/partners.ts) with its client id (its name), a random
 * client secret and the local authority it works with. `npm run partner:token` exchanges an
 * agency's id and secret for a token, client-credentials style, as a real token service would.
 * A deployment issues partner tokens from its identity provider instead (role PARTNER, `sub` and
 * `partner` = the agency's name, `tenant`, at most 1 hour).
 */
export const DEV_PARTNERS = join(HOME, "dev-partners.json");

export interface PartnerCredentials {
  clientId: string;
  clientSecret: string;
  /** The local authority (ONS code) whose children the agency is shown. */
  tenant: string;
}

export type PartnerRegistry = Record<string, PartnerCredentials>;

/** The registry, created (or completed with agencies added to the matrix since) on first use. */
export function ensureDevPartners(file = DEV_PARTNERS, tenant = "E09000027"): PartnerRegistry {
  const registry: PartnerRegistry = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PartnerRegistry) : {};
  let changed = !existsSync(file);
  for (const name of PARTNER_NAMES) {
    if (registry[name]) continue;
    registry[name] = { clientId: name, clientSecret: randomBytes(24).toString("base64url"), tenant };
    changed = true;
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(registry, null, 2)}\n`, { mode: 0o600 });
  }
  return registry;
}

export class ClientCredentialsError extends Error {}

const sameSecret = (a: string, b: string) => timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());

/** Seconds in "15m", "3600", "1h". */
export function lifetimeSeconds(value: string): number | null {
  const m = /^(\d+)\s*(s|m|h)?$/.exec(value.trim());
  return m ? Number(m[1]) * { s: 1, m: 60, h: 3600 }[(m[2] ?? "s") as "s" | "m" | "h"] : null;
}

/**
 * The client-credentials exchange: the agency's id and secret, checked against the registry, for
 * a PARTNER token naming the agency (`sub` and `partner`) in its local authority, living at most
 * one hour (the platform refuses longer partner tokens).
 */
export async function partnerToken(
  registry: PartnerRegistry,
  credentials: { clientId: string; clientSecret: string },
  privateKeyPem: string,
  o: { expiresIn?: string; tenant?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  const entry = registry[credentials.clientId];
  if (!entry || !isPartner(credentials.clientId) || !sameSecret(entry.clientSecret, credentials.clientSecret)) {
    throw new ClientCredentialsError("invalid client credentials");
  }
  const expiresIn = o.expiresIn ?? "1h";
  const seconds = lifetimeSeconds(expiresIn);
  if (seconds === null || seconds < 1 || seconds > 3600) throw new ClientCredentialsError(`--expires must be at most 1h for a partner agency (e.g. 15m, 1h), got "${expiresIn}"`);
  const tenant = o.tenant ?? entry.tenant;
  if (!TENANT_CODE.test(tenant)) throw new ClientCredentialsError(`--tenant must be a local authority ONS code such as E09000027, got "${tenant}"`);
  return signIdentityToken(
    privateKeyPem,
    { userId: entry.clientId, roles: ["PARTNER"], tenant, partner: entry.clientId },
    { issuer: o.issuer ?? "caregraph", audience: o.audience ?? "caregraph", expiresIn: `${seconds}s` },
  );
}
