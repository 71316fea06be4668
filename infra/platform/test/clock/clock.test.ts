import { clockEnv, clockFromEnv, now, setClock, today } from "../../src/clock";
import { ConfigError, loadServiceConfig } from "../../src/config";

afterEach(() => setClock(null));

describe("the platform clock", () => {
  it("CAREGRAPH_CLOCK starts 'now' at that instant and lets it run on", async () => {
    setClock(clockFromEnv({ CAREGRAPH_CLOCK: "2026-12-24T23:59:59.900Z" }));
    expect(now().getTime()).toBeGreaterThanOrEqual(Date.parse("2026-12-24T23:59:59.900Z"));
    await new Promise((r) => setTimeout(r, 150));
    // Time runs on: past midnight, Christmas Day in England.
    expect(today()).toBe("2026-12-25");
  });

  it("today is the date in England: 23:30 UTC on 30 June is already 1 July (BST)", () => {
    setClock("2027-06-30T23:30:00Z");
    expect(today()).toBe("2027-07-01");
    setClock("2027-01-31T23:30:00Z");
    expect(today()).toBe("2027-01-31");
  });

  it("child processes get the same clock, to the millisecond, however late they start", () => {
    setClock("2026-12-18T09:00:00Z");
    const env = clockEnv();
    const setting = clockFromEnv(env)!;
    // A process reading this env later computes now = at + (its real now − setAt): the same offset.
    expect(setting.at.getTime() - setting.setAt.getTime()).toBe(Date.parse(env.CAREGRAPH_CLOCK!) - Date.parse(env.CAREGRAPH_CLOCK_SET_AT!));
    // …and it is this process's "now" at the moment clockEnv() was called (never later than now()).
    expect(setting.at.getTime()).toBeLessThanOrEqual(now().getTime());
    expect(setting.at.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-12-18T09:00:00Z"));
    setClock(null);
    expect(clockEnv()).toEqual({});
  });

  it("an instant without its offset, or not an instant, stops start-up naming CAREGRAPH_CLOCK", () => {
    expect(() => clockFromEnv({ CAREGRAPH_CLOCK: "2026-12-18" })).toThrow(/CAREGRAPH_CLOCK must be an ISO 8601 instant with its offset/);
    expect(() => clockFromEnv({ CAREGRAPH_CLOCK: "2026-12-18T09:00:00" })).toThrow(RangeError);
    const env = { KAFKA_BROKERS: "localhost:9092", JWT_PUBLIC_KEY: "k", CAREGRAPH_CLOCK: "next tuesday" };
    expect(() => loadServiceConfig(env)).toThrow(ConfigError);
    expect(() => loadServiceConfig(env)).toThrow(/CAREGRAPH_CLOCK/);
    expect(loadServiceConfig({ ...env, CAREGRAPH_CLOCK: "2026-12-18T09:00:00+00:00" }).CAREGRAPH_CLOCK).toBe("2026-12-18T09:00:00+00:00");
  });
});
