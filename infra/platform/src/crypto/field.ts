/**
 * One field sealed with AES-256-GCM, stored as text:
 *   enc:v1:<keyId>:<iv>:<tag>:<ciphertext>   (base64url; iv random, 12 bytes; tag 16 bytes)
 * The additional authenticated data is the field's place (schema.table.column#rowId), so a value
 * copied into another row or column does not open. Values without the `enc:` prefix are legacy
 * clear text written before encryption: they are returned as they are, and `npm run keys:rotate`
 * seals them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { fieldKeyring, type Keyring } from "./keyring";

/** Where a value lives: its column and the id of its row. */
export interface FieldPlace {
  schema: string;
  table: string;
  column: string;
  id: string;
}

/** A value that cannot be opened. The message names the place and the reason, never the value or a key. */
export class FieldEncryptionError extends Error {
  readonly code = "FIELD_ENCRYPTION";
}

const PREFIX = "enc:";
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";

const where = (p: FieldPlace) => `${p.schema}.${p.table}.${p.column}`;
const aad = (p: FieldPlace) => Buffer.from(`caregraph:${VERSION}:${where(p)}#${p.id}`, "utf8");

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** The key id a stored value was sealed with; null for legacy clear text. */
export function sealedKeyId(stored: string): string | null {
  if (!isSealed(stored)) return null;
  return stored.split(":")[2] ?? "";
}

export function sealField(place: FieldPlace, plaintext: string, keyring?: Keyring): string;
export function sealField(place: FieldPlace, plaintext: string | null, keyring?: Keyring): string | null;
export function sealField(place: FieldPlace, plaintext: string | null, keyring: Keyring = fieldKeyring()): string | null {
  if (plaintext === null) return null;
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad(place));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return `${PREFIX}${VERSION}:${keyring.currentId}:${parts.join(":")}`;
}

export function openField(place: FieldPlace, stored: string, keyring?: Keyring): string;
export function openField(place: FieldPlace, stored: string | null, keyring?: Keyring): string | null;
export function openField(place: FieldPlace, stored: string | null, keyring: Keyring = fieldKeyring()): string | null {
  if (stored === null || !isSealed(stored)) return stored;
  const fail = (why: string): never => {
    throw new FieldEncryptionError(`cannot open ${where(place)} of row ${place.id}: ${why}`);
  };
  const [, version, keyId, iv, tag, ciphertext, ...rest] = stored.split(":");
  if (version !== VERSION || ciphertext === undefined || rest.length) fail("not a sealed value this version reads");
  const key = keyring.keys.get(keyId!) ?? fail(`key id "${keyId}" is not in FIELD_ENCRYPTION_KEYS`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv!, "base64url"), { authTagLength: 16 });
    decipher.setAAD(aad(place));
    decipher.setAuthTag(Buffer.from(tag!, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext!, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return fail("it was altered, or belongs to another row or column");
  }
}
