import { randomBytes } from "node:crypto";
import { ConfigError } from "../../src/config";
import { FieldEncryptionError, keyringFromEnv, openField, parseKeyring, sealedKeyId, sealField, type FieldPlace } from "../../src/crypto";

const key = () => randomBytes(32).toString("base64");
const [A, B] = [key(), key()];
const ringA = parseKeyring(`a:${A}`);
const ringBA = parseKeyring(`b:${B},a:${A}`);
const place: FieldPlace = { schema: "safeguarding", table: "concern", column: "summary", id: "11111111-1111-4111-8111-111111111111" };
const TEXT = "Bruising seen on the child's arm at school; the child said a parent hit them.";

describe("sealField / openField (AES-256-GCM, bound to the field's place)", () => {
  it("stores enc:v1:<keyId>:<iv>:<tag>:<ciphertext> in base64url, never the text, and opens it again", () => {
    const stored = sealField(place, TEXT, ringA);
    expect(stored).toMatch(/^enc:v1:a:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("Bruising");
    expect(openField(place, stored, ringA)).toBe(TEXT);
  });

  it("a fresh IV each time: the same text seals to different values", () => {
    expect(sealField(place, TEXT, ringA)).not.toBe(sealField(place, TEXT, ringA));
  });

  it("null passes through both ways; the empty string and unicode round-trip", () => {
    expect(sealField(place, null, ringA)).toBeNull();
    expect(openField(place, null, ringA)).toBeNull();
    for (const text of ["", "Zoë — “quoted” 🙂"]) expect(openField(place, sealField(place, text, ringA), ringA)).toBe(text);
  });

  it("the first key seals; every key listed opens", () => {
    const old = sealField(place, TEXT, ringA);
    const fresh = sealField(place, TEXT, ringBA);
    expect([sealedKeyId(old), sealedKeyId(fresh), sealedKeyId("clear")]).toEqual(["a", "b", null]);
    expect(openField(place, old, ringBA)).toBe(TEXT);
    expect(openField(place, fresh, ringBA)).toBe(TEXT);
  });

  it("legacy clear text (no enc: prefix) is returned as it is", () => {
    expect(openField(place, "written before encryption", ringA)).toBe("written before encryption");
  });

  const refusals: [string, (stored: string) => [FieldPlace, string], RegExp][] = [
    ["copied into another row", (s) => [{ ...place, id: "22222222-2222-4222-8222-222222222222" }, s], /altered, or belongs to another row or column/],
    ["copied into another column", (s) => [{ ...place, column: "source_agency" }, s], /altered/],
    ["copied into another service's schema", (s) => [{ ...place, schema: "health" }, s], /altered/],
    ["ciphertext altered", (s) => [place, s.slice(0, -2) + (s.endsWith("AA") ? "BB" : "AA")], /altered/],
    ["tag altered", (s) => { const p = s.split(":"); p[4] = Buffer.alloc(16).toString("base64url"); return [place, p.join(":")]; }, /altered/],
    ["key id swapped", (s) => [place, s.replace(":a:", ":zz:")], /key id "zz" is not in FIELD_ENCRYPTION_KEYS/],
    ["unknown version", (s) => [place, s.replace("enc:v1:", "enc:v9:")], /not a sealed value this version reads/],
    ["truncated", (s) => [place, s.split(":").slice(0, 5).join(":")], /not a sealed value/],
  ];
  it.each(refusals)("refuses a value %s with a FieldEncryptionError naming the place, never the value", (_, spoil, reason) => {
    const [where, stored] = spoil(sealField(place, TEXT, ringA));
    let error: unknown;
    try {
      openField(where, stored, ringA);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldEncryptionError);
    const message = (error as Error).message;
    expect(message).toMatch(reason);
    expect(message).toMatch(new RegExp(`^cannot open ${where.schema}\\.concern\\.${where.column} of row ${where.id}`));
    expect(message).not.toContain(stored.slice(-12));
    expect(message).not.toContain(A);
  });

  it("a value sealed with a key no longer listed does not open", () => {
    expect(() => openField(place, sealField(place, TEXT, ringA), parseKeyring(`b:${B}`))).toThrow(/key id "a" is not in FIELD_ENCRYPTION_KEYS/);
  });
});

describe("FIELD_ENCRYPTION_KEYS", () => {
  it("keyId:base64key[,keyId:key]: the first is current", () => {
    const ring = keyringFromEnv({ FIELD_ENCRYPTION_KEYS: ` b:${B}, a:${A} ` });
    expect(ring.currentId).toBe("b");
    expect([...ring.keys.keys()]).toEqual(["b", "a"]);
  });

  it("unset outside production: the published development key, id dev", () => {
    expect(keyringFromEnv({}).currentId).toBe("dev");
    expect(keyringFromEnv({ NODE_ENV: "test" }).currentId).toBe("dev");
  });

  it("unset in production: start-up stops, saying what to set", () => {
    expect(() => keyringFromEnv({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => keyringFromEnv({ NODE_ENV: "production", FIELD_ENCRYPTION_KEYS: " " })).toThrow(/FIELD_ENCRYPTION_KEYS is required in production/);
    expect(keyringFromEnv({ NODE_ENV: "production", FIELD_ENCRYPTION_KEYS: `k1:${A}` }).currentId).toBe("k1");
  });

  const bad: [string, string, RegExp][] = [
    ["no key id", `a${A}`, /each entry is keyId:base64key/],
    ["a colon in the key id", `a:b:${A}`, /must be 32 bytes/],
    ["a 16-byte key", `a:${randomBytes(16).toString("base64")}`, /key "a" must be 32 bytes, base64-encoded \(it is 16\)/],
    ["a key id twice", `a:${A},a:${B}`, /key id "a" appears twice/],
    ["an empty key id", `:${A}`, /each entry is keyId:base64key/],
    ["no entry", ",", /no key given/],
  ];
  it.each(bad)("refuses %s, never echoing the key", (_, spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
    try {
      parseKeyring(spec);
    } catch (e) {
      expect((e as Error).message).not.toContain(A);
    }
  });
});
