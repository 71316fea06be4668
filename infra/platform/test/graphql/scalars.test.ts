import { Kind } from "graphql";
import { DateTimeScalar } from "../../src/graphql/scalars";

const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { code?: string; rule?: string } }).extensions;
  }
  return undefined;
};

describe("DateTime", () => {
  it("reads an instant with its offset as that instant", () => {
    expect(DateTimeScalar.parseValue("2026-12-18T14:30:00Z")).toEqual(new Date("2026-12-18T14:30:00Z"));
    expect(DateTimeScalar.parseValue("2026-06-18T15:30:00+01:00")).toEqual(new Date("2026-06-18T14:30:00Z"));
    expect(DateTimeScalar.parseValue("2026-06-18T15:30+01:00")).toEqual(new Date("2026-06-18T14:30:00Z"));
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: "2026-12-18T14:30:00.123Z" })).toEqual(new Date("2026-12-18T14:30:00.123Z"));
  });

  it.each([
    ["no offset", "2026-12-18T14:30:00"],
    ["a bare date", "2026-12-18"],
    ["30 February", "2026-02-30T10:00:00Z"],
    ["25 o'clock", "2026-12-18T25:00:00Z"],
    ["words", "yesterday"],
    ["a number", 1766068200000],
  ])("refuses %s with BAD_USER_INPUT naming the rule", (_what, value) => {
    expect(rule(() => DateTimeScalar.parseValue(value))).toMatchObject({ code: "BAD_USER_INPUT", rule: "DATETIME_FORMAT" });
  });

  it("refuses a literal that is not a string", () => {
    expect(rule(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: "1" }))).toMatchObject({ rule: "DATETIME_FORMAT" });
  });
});
