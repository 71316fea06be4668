import { camhsProgressProblem, waitingTime } from "../src/domain/camhs";
import { registrationDue, registrationProblem, unregistered } from "../src/domain/registrations";
import { substanceMisuseProblem } from "../src/domain/substance-misuse";

describe("GP, dentist and optician registrations", () => {
  it.each([
    ["2026-12-14", "2027-01-14", "20 working days after becoming looked after on 14 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)"],
    ["2027-03-19", "2027-04-20", "20 working days after becoming looked after on 19 Mar 2027 (bank holidays 26 Mar, 29 Mar skipped)"], // Easter 2027
  ])("looked after from %s: registered by %s", (since, due, workings) => expect(registrationDue(since)).toEqual({ date: due, workings }));

  it.each([
    ["no registrations", [], ["GP", "DENTIST", "OPTICIAN"]],
    ["a current GP", [{ kind: "GP" as const, registeredOn: "2026-01-01", endedOn: null }], ["DENTIST", "OPTICIAN"]],
    ["a dentist registration that ended", [{ kind: "DENTIST" as const, registeredOn: "2025-01-01", endedOn: "2026-06-01" }], ["GP", "DENTIST", "OPTICIAN"]],
    ["an optician from tomorrow", [{ kind: "OPTICIAN" as const, registeredOn: "2026-12-02", endedOn: null }], ["GP", "DENTIST", "OPTICIAN"]],
  ])("%s: unregistered with %j", (_, regs, missing) => expect(unregistered(regs, "2026-12-01")).toEqual(missing));

  it.each([
    [" ", "2026-11-01", "input.practice", "REQUIRED"],
    ["Example Surgery", "2026-12-02", "input.registeredOn", "NOT_IN_FUTURE"],
    ["Example Surgery", "2009-12-31", "input.registeredOn", "NOT_BEFORE_BIRTH"],
  ])("refuses %j on %s naming %s / %s", (practice, on, field, rule) => expect(registrationProblem(practice, on, "2010-01-01", "2026-12-01")?.slice(0, 2)).toEqual([field, rule]));
});

describe("CAMHS referrals: the waiting time", () => {
  it.each([
    [{ referredOn: "2026-10-01", outcome: null, firstSeenOn: null }, { days: 61, stillWaiting: true, words: "8 weeks 5 days (still waiting)" }],
    [{ referredOn: "2026-10-01", outcome: "ACCEPTED" as const, firstSeenOn: "2026-10-29" }, { days: 28, stillWaiting: false, words: "4 weeks" }],
    [{ referredOn: "2026-12-01", outcome: null, firstSeenOn: null }, { days: 0, stillWaiting: true, words: "0 days (still waiting)" }],
    [{ referredOn: "2024-02-28", outcome: "ACCEPTED" as const, firstSeenOn: "2024-03-01" }, { days: 2, stillWaiting: false, words: "2 days" }], // over 29 Feb
    [{ referredOn: "2026-03-28", outcome: "ACCEPTED" as const, firstSeenOn: "2026-03-30" }, { days: 2, stillWaiting: false, words: "2 days" }], // over the clocks going forward
  ])("%j waits %j", (r, w) => expect(waitingTime(r, "2026-12-01")).toEqual(w));

  it("a refused referral has no wait", () => expect(waitingTime({ referredOn: "2026-10-01", outcome: "REFUSED", firstSeenOn: null }, "2026-12-01")).toBeNull());

  const open = { referredOn: "2026-10-01", outcome: null };
  it.each([
    [open, { outcome: "ACCEPTED" as const }, ["input.decidedOn", "REQUIRED"]],
    [open, { outcome: "ACCEPTED" as const, decidedOn: "2026-09-30" }, ["input.decidedOn", "NOT_BEFORE_REFERRAL"]],
    [open, { firstSeenOn: "2026-10-20" }, ["input.firstSeenOn", "ACCEPTED_FIRST"]],
    [open, { outcome: "ACCEPTED" as const, decidedOn: "2026-10-10", firstSeenOn: "2026-10-09" }, ["input.firstSeenOn", "NOT_BEFORE_DECISION"]],
    [open, { outcome: "ACCEPTED" as const, decidedOn: "2026-10-10", firstSeenOn: "2026-12-02" }, ["input.firstSeenOn", "NOT_IN_FUTURE"]],
    [open, { outcome: "ACCEPTED" as const, decidedOn: "2026-10-10", firstSeenOn: "2026-10-20" }, null],
    [{ referredOn: "2026-10-01", outcome: "ACCEPTED" as const }, { firstSeenOn: "2026-10-20" }, null],
  ])("%j then %j: %j", (r, change, problem) => expect(camhsProgressProblem(r, change, "2026-12-01")?.slice(0, 2) ?? null).toEqual(problem));
});

describe("substance misuse and the intervention", () => {
  it.each([
    [{ identifiedOn: "2026-09-01" }, null],
    [{ identifiedOn: "2026-09-01", interventionOfferedOn: "2026-09-10", interventionReceivedOn: "2026-10-01" }, null],
    [{ identifiedOn: "2026-09-01", interventionReceivedOn: "2026-10-01" }, ["input.interventionReceivedOn", "RECEIVED_NOT_OFFERED"]],
    [{ identifiedOn: "2026-09-01", interventionOfferedOn: "2026-08-31" }, ["input.interventionOfferedOn", "NOT_BEFORE_IDENTIFIED"]],
    [{ identifiedOn: "2026-09-01", interventionOfferedOn: "2026-09-10", interventionReceivedOn: "2026-09-09" }, ["input.interventionReceivedOn", "NOT_BEFORE_OFFERED"]],
    [{ identifiedOn: "2026-12-02" }, ["input.identifiedOn", "NOT_IN_FUTURE"]],
  ])("%j: %j", (s, problem) => expect(substanceMisuseProblem(s, "2011-01-01", "2026-12-01")?.slice(0, 2) ?? null).toEqual(problem));
});
