import { ConfigError } from "@caregraph/platform";
import { loadGatewayConfig } from "../src/config";

describe("gateway configuration", () => {
  it("refuses to start without a token-verification key, naming the variable", () => {
    expect(() => loadGatewayConfig({})).toThrow(ConfigError);
    expect(() => loadGatewayConfig({})).toThrow(/JWT_PUBLIC_KEY: is required/);
  });

  it("names a bad value", () => {
    expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: "k", REDIS_URL: "http://x" })).toThrow(/REDIS_URL: must be a URL starting with redis:\/\//);
    expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: "k", PORT: "http" })).toThrow(/PORT/);
  });

  it("defaults to port 4000", () => {
    expect(loadGatewayConfig({ JWT_PUBLIC_KEY: "k" }).PORT).toBe(4000);
  });
});
