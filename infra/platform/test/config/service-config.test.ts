import { ConfigError, loadServiceConfig } from "../../src/config";

describe("service configuration", () => {
  const valid = { KAFKA_BROKERS: "127.0.0.1:9092", JWT_PUBLIC_KEY: "pem" };

  it("names every missing variable and says what it is for", () => {
    let message = "";
    try {
      loadServiceConfig({});
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/KAFKA_BROKERS: is required/);
    expect(message).toMatch(/JWT_PUBLIC_KEY: is required/);
  });

  it("names a malformed database URL", () => {
    expect(() => loadServiceConfig({ ...valid, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a URL starting with postgres:\/\//);
  });

  it("without DATABASE_URL a service runs on embedded PGlite; brokers are split into a list", () => {
    const c = loadServiceConfig({ ...valid, KAFKA_BROKERS: "a:1, b:2" });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.KAFKA_BROKERS).toEqual(["a:1", "b:2"]);
  });
});
