/**
 * The field-encryption keyring (FIELD_ENCRYPTION_KEYS = "keyId:base64key[,keyId:base64key…]"):
 * the FIRST key is current (every new value is sealed with it); every key listed opens values.
 * Rotation = put a new key first, keep the old one after it until `npm run keys:rotate` has
 * re-sealed everything, then drop the old one (README.md).
 */
import { ConfigError } from "../config";

export interface Keyring {
  /** The id new values are sealed under. */
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Key ids appear in every stored value: short, no ':' (the separator). */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Outside production only: a fixed, published development key (sha256 of a known phrase) so the
 * embedded `npm start` and the tests run with no set-up. It protects nothing; production refuses it.
 */
export const DEV_KEY_ID = "dev";
const DEV_KEY = "p5FcOh0nUD63TkoYnrM+NnolA908r59aKOPmiSlEhmg=";

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let currentId = "";
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(":");
    const id = colon < 0 ? "" : part.slice(0, colon);
    if (!KEY_ID.test(id)) throw new ConfigError(`FIELD_ENCRYPTION_KEYS: each entry is keyId:base64key with keyId of letters, digits, - or _ (at most 32)`);
    const key = Buffer.from(part.slice(colon + 1), "base64");
    if (key.length !== 32) throw new ConfigError(`FIELD_ENCRYPTION_KEYS: key "${id}" must be 32 bytes, base64-encoded (it is ${key.length})`);
    if (keys.has(id)) throw new ConfigError(`FIELD_ENCRYPTION_KEYS: key id "${id}" appears twice`);
    keys.set(id, key);
    currentId ||= id;
  }
  if (!currentId) throw new ConfigError("FIELD_ENCRYPTION_KEYS: no key given");
  return { currentId, keys };
}

/** The keyring the environment gives; unset: the development key, except in production, where start-up stops. */
export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring {
  const spec = env.FIELD_ENCRYPTION_KEYS?.trim();
  if (spec) return parseKeyring(spec);
  if (env.NODE_ENV === "production") {
    throw new ConfigError(
      "FIELD_ENCRYPTION_KEYS is required in production: keyId:base64-32-byte-key (see infra/platform/src/crypto/README.md); the development key is refused",
    );
  }
  return parseKeyring(`${DEV_KEY_ID}:${DEV_KEY}`);
}

let installed: Keyring | undefined;

/** The keyring in force: the one installed at start-up, else the environment's (read once). */
export function fieldKeyring(): Keyring {
  installed ??= keyringFromEnv();
  return installed;
}

/** Start-up (and tests) put the keyring in force; a bad FIELD_ENCRYPTION_KEYS throws ConfigError here. */
export function installFieldKeyring(keyring: Keyring): void {
  installed = keyring;
}
