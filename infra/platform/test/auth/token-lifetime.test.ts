import { createTokenVerifier, loadServiceConfig, TokenVerifier } from "../../src";
import { setClock } from "../../src/clock";
import { testKeys, TestKeys } from "../../src/testing";

/** Token lifetime (issue 9): exp required, lifetime capped, small skew, nothing from the future. */
let keys: TestKeys;
let verify: TokenVerifier;
const now = () => Math.floor(Date.now() / 1000);
const problem = (t: Promise<string>) => t.then(verify).then(() => "accepted", (e: Error) => e.message);

beforeAll(async () => {
  keys = await testKeys();
  verify = await createTokenVerifier(keys.publicKeyPem, { issuer: "caregraph", audience: "caregraph" });
});
afterEach(() => setClock(null));

it("requires exp", async () => {
  expect(await problem(keys.tokenWith({ expiresAt: null }))).toBe("Not authenticated: token has no expiry (exp); every token must expire");
});

it("refuses an expired token beyond the skew, accepts one within it", async () => {
  expect(await problem(keys.tokenWith({ issuedAt: now() - 3600, expiresAt: now() - 61 - 5 }))).toMatch(/token expired/);
  expect(await problem(keys.tokenWith({ issuedAt: now() - 3600, expiresAt: now() - 30 }))).toBe("accepted");
});

it("caps a person's token at 8 hours and a partner's at 1 hour", async () => {
  expect(await problem(keys.tokenWith({ expiresAt: now() + 5 * 365 * 86400 }))).toMatch(/token lifetime exceeds 8 hours/);
  expect(await problem(keys.tokenWith({ issuedAt: now() - 4 * 3600, expiresAt: now() + 5 * 3600 }))).toMatch(/exceeds 8 hours/);
  expect(await problem(keys.tokenWith({ expiresAt: now() + 8 * 3600 }))).toBe("accepted");
  expect(await problem(keys.tokenWith({ extraRoles: ["PARTNER"], expiresAt: now() + 3 * 3600 }))).toMatch(/token lifetime exceeds 1 hour \(the limit for a partner agency\)/);
  expect(await problem(keys.tokenWith({ extraRoles: ["PARTNER"], expiresAt: now() + 3600 }))).toBe("accepted");
});

it("refuses a token issued in the future beyond the skew, or not yet valid", async () => {
  expect(await problem(keys.tokenWith({ issuedAt: now() + 3600, expiresAt: now() + 7200 }))).toMatch(/issued in the future/);
  expect(await problem(keys.tokenWith({ issuedAt: now() + 30, expiresAt: now() + 600 }))).toBe("accepted");
});

it("checks real time, not the platform clock (a practice environment set years ahead or behind)", async () => {
  setClock("2031-01-01T00:00:00Z");
  expect(await problem(keys.tokenWith({ issuedAt: now() - 3600, expiresAt: now() - 600 }))).toMatch(/token expired/);
  setClock("2020-01-01T00:00:00Z");
  expect(await problem(keys.token())).toBe("accepted");
});

it("takes its caps and skew from configuration", async () => {
  const strict = await createTokenVerifier(keys.publicKeyPem, { issuer: "caregraph", audience: "caregraph", maxLifetimePerson: 900, clockSkew: 0 });
  expect(await keys.tokenWith({ expiresAt: now() + 3600 }).then(strict).catch((e: Error) => e.message)).toMatch(/exceeds 15 minutes/);
  const config = loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k", TOKEN_MAX_LIFETIME_PERSON: "4h", TOKEN_MAX_LIFETIME_PARTNER: "30m", TOKEN_CLOCK_SKEW: "10" });
  expect([config.TOKEN_MAX_LIFETIME_PERSON, config.TOKEN_MAX_LIFETIME_PARTNER, config.TOKEN_CLOCK_SKEW]).toEqual([14400, 1800, 10]);
  const defaults = loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k" });
  expect([defaults.TOKEN_MAX_LIFETIME_PERSON, defaults.TOKEN_MAX_LIFETIME_PARTNER, defaults.TOKEN_CLOCK_SKEW]).toEqual([28800, 3600, 60]);
  expect(() => loadServiceConfig({ KAFKA_BROKERS: "x:1", JWT_PUBLIC_KEY: "k", TOKEN_MAX_LIFETIME_PERSON: "forever" })).toThrow(/TOKEN_MAX_LIFETIME_PERSON: must be a duration/);
});
