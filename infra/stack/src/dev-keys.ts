import { generateSigningKeyPair, SigningKeyPair } from "@caregraph/platform";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_KEYS } from "./paths";

const PRIVATE = join(DEV_KEYS, "private.pem");
const PUBLIC = join(DEV_KEYS, "public.pem");

/**
 * The development signing key exists only for the embedded stack: created on first `npm start`,
 * kept under .caregraph/ (never committed), and used by `npm run token`. A deployment configures
 * JWT_PUBLIC_KEY instead, and without it the gateway and subgraphs refuse to start.
 */
export async function ensureDevKeys(): Promise<SigningKeyPair> {
  const existing = readDevKeys();
  if (existing) return existing;
  const pair = await generateSigningKeyPair();
  mkdirSync(DEV_KEYS, { recursive: true, mode: 0o700 });
  writeFileSync(PRIVATE, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(PUBLIC, pair.publicKeyPem);
  return pair;
}

export function readDevKeys(): SigningKeyPair | null {
  if (!existsSync(PRIVATE) || !existsSync(PUBLIC)) return null;
  return { privateKeyPem: readFileSync(PRIVATE, "utf8"), publicKeyPem: readFileSync(PUBLIC, "utf8") };
}
