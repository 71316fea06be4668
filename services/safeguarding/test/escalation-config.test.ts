import { ConfigError } from "@caregraph/platform";
import { escalationConfig } from "../src/escalation";

describe("the escalation job's interval", () => {
  it("defaults to a minute and can be switched off with 0", () => {
    expect(escalationConfig({}).SAFEGUARDING_ESCALATION_INTERVAL_MS).toBe(60_000);
    expect(escalationConfig({ SAFEGUARDING_ESCALATION_INTERVAL_MS: "0" }).SAFEGUARDING_ESCALATION_INTERVAL_MS).toBe(0);
  });

  it("a bad value stops start-up naming the variable", () => {
    expect(() => escalationConfig({ SAFEGUARDING_ESCALATION_INTERVAL_MS: "soon" })).toThrow(ConfigError);
    expect(() => escalationConfig({ SAFEGUARDING_ESCALATION_INTERVAL_MS: "-5" })).toThrow(/SAFEGUARDING_ESCALATION_INTERVAL_MS/);
  });
});
