import { checkApprovalCorrection } from "../src/domain/temporary-approval";

/** A corrected temporary approval: 16 weeks from the start (reg 24), 24 once extended (reg 25); calendar weeks, bank holidays do not move them. */
describe("checkApprovalCorrection", () => {
  const rule = (type: "U1" | "U3" | "U6", start: string, endsOn: string, extended: boolean) => {
    try {
      checkApprovalCorrection(type, start, endsOn, extended);
      return "ok";
    } catch (e) {
      return (e as { extensions?: { rule?: string } }).extensions?.rule ?? String(e);
    }
  };
  it.each<[string, "U1" | "U3" | "U6", string, string, boolean, string]>([
    ["exactly 16 weeks", "U3", "2026-12-21", "2027-04-12", false, "ok"],
    ["16 weeks and a day", "U3", "2026-12-21", "2027-04-13", false, "AT_MOST_16_WEEKS"],
    ["extended: exactly 24 weeks", "U3", "2026-12-21", "2027-06-07", true, "ok"],
    ["extended: 24 weeks and a day", "U3", "2026-12-21", "2027-06-08", true, "AT_MOST_24_WEEKS"],
    ["across a leap day: 16 weeks from 1 Jan 2028 is 22 Apr", "U1", "2028-01-01", "2028-04-22", false, "ok"],
    ["across a leap day: 23 Apr is too late", "U1", "2028-01-01", "2028-04-23", false, "AT_MOST_16_WEEKS"],
    ["across Christmas and Easter bank holidays: still calendar weeks", "U3", "2027-12-20", "2028-04-10", false, "ok"],
    ["ending on the start day", "U3", "2026-12-21", "2026-12-21", true, "END_AFTER_START"],
    ["not a connected person's placement", "U6", "2026-12-21", "2027-01-21", false, "CONNECTED_PERSON_ONLY"],
  ])("%s", (_what, type, start, endsOn, extended, expected) => {
    expect(rule(type, start, endsOn, extended)).toBe(expected);
  });
});
