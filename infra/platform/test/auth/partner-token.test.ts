import { createTokenVerifier, generateSigningKeyPair, signIdentityToken, withScopeClaims } from "../../src/auth";

/** A partner token names its agency twice (sub and `partner`); anything else names no agency. */
describe("partner agency tokens", () => {
  let keys: Awaited<ReturnType<typeof generateSigningKeyPair>>;
  const settings = { issuer: "caregraph", audience: "caregraph", expiresIn: "1h" };
  beforeAll(async () => {
    keys = await generateSigningKeyPair();
  });
  const verify = async (claims: Parameters<typeof signIdentityToken>[1]) =>
    withScopeClaims(await createTokenVerifier(keys.publicKeyPem, { issuer: "caregraph", audience: "caregraph" }))(await signIdentityToken(keys.privateKeyPem, claims, settings));

  it("a known agency, as the token's own subject, is the identity's partner", async () => {
    expect(await verify({ userId: "county-police", roles: ["PARTNER"], tenant: "E09000027", partner: "county-police" })).toEqual({
      userId: "county-police",
      roles: ["PARTNER"],
      tenant: "E09000027",
      partner: "county-police",
    });
  });

  it("names no agency when the claim is unknown, is not the subject, or the role is not PARTNER", async () => {
    expect((await verify({ userId: "made-up", roles: ["PARTNER"], tenant: "E09000027", partner: "made-up" })).partner).toBeUndefined();
    expect((await verify({ userId: "riverside-school", roles: ["PARTNER"], tenant: "E09000027", partner: "county-police" })).partner).toBeUndefined();
    expect((await verify({ userId: "county-police", roles: ["SOCIAL_WORKER"], tenant: "E09000027", partner: "county-police" })).partner).toBeUndefined();
  });

  it("a partner's token is a partner's only: other roles on it are dropped", async () => {
    const mixed = await verify({ userId: "county-police", roles: ["PARTNER", "SOCIAL_WORKER", "TEAM_MANAGER"], tenant: "E09000027", partner: "county-police" });
    expect(mixed.roles).toEqual(["PARTNER"]);
    expect(mixed.partner).toBe("county-police");
  });

  it("a partner token may live an hour, not more", async () => {
    const claims = { userId: "county-police", roles: ["PARTNER" as const], tenant: "E09000027", partner: "county-police" };
    const verifier = await createTokenVerifier(keys.publicKeyPem, { issuer: "caregraph", audience: "caregraph" });
    await expect(verifier(await signIdentityToken(keys.privateKeyPem, claims, { ...settings, expiresIn: "2h" }))).rejects.toThrow(/partner agency/);
  });
});
