import { GraphQLError, Kind } from "graphql";
import { DateScalar } from "../../src/graphql/scalars";

const refusal = (value: unknown) => {
  try {
    DateScalar.parseValue(value);
  } catch (e) {
    return e as GraphQLError;
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
};

describe("the Date scalar", () => {
  it("accepts a real day, including 29 February in a leap year", () => {
    expect(DateScalar.parseValue("2028-02-29")).toBe("2028-02-29");
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: "2026-12-25" })).toBe("2026-12-25");
  });

  it("refuses 2015-02-30 as BAD_USER_INPUT naming the rule: February 2015 has 28 days", () => {
    const e = refusal("2015-02-30");
    expect(e.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "DATE_EXISTS" });
    expect(e.message).toBe('Date must be a day that exists on the calendar, written YYYY-MM-DD: "2015-02-30" does not (February 2015 has 28 days)');
    expect(refusal("2027-02-29").message).toContain("February 2027 has 28 days");
    expect(refusal("2026-04-31").message).toContain("April 2026 has 30 days");
  });

  it("refuses other shapes as DATE_FORMAT, saying the format", () => {
    for (const bad of ["2015-13-01", "15/02/2015", "2015-2-3", 20150203, "2026-12-01T00:00:00Z"]) {
      const e = refusal(bad);
      expect(e.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "DATE_FORMAT" });
      expect(e.message).toContain("YYYY-MM-DD");
    }
  });
});
