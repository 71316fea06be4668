import { GraphQLError } from "graphql";
import { checkAllocation } from "../src/domain/allocation";
import { normaliseName, sameName, searchNameOf, searchWords } from "../src/domain/names";

describe("names as search compares them", () => {
  it.each([
    ["Zoë", "zoe"],
    ["Siân O'Brien-Jones", "sian obrien jones"],
    ["  CALLUM   Copperfield ", "callum copperfield"],
    ["Łukasz Strauß", "lukasz strauss"],
    ["Ødegård", "odegard"],
  ])("%j is searched as %j", (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });

  it("a search is its words; the stored column is first and last name together", () => {
    expect(searchWords(" Callum  Copp ")).toEqual(["callum", "copp"]);
    expect(searchNameOf("Zoë", "Brontë")).toBe("zoe bronte");
  });

  it("the same name ignores case and accents but not a different name", () => {
    expect(sameName({ firstName: "ZOE", lastName: "bronte" }, { firstName: "Zoë", lastName: "Brontë" })).toBe(true);
    expect(sameName({ firstName: "Zoe", lastName: "Bront" }, { firstName: "Zoë", lastName: "Brontë" })).toBe(false);
  });
});

describe("allocating a worker (one current per role; the current one ends the day the new one starts)", () => {
  const DOB = "2015-08-31";
  const TODAY = "2026-12-01";
  const current = { workerId: "sw-1", from: "2026-05-25" }; // late-May bank holiday
  const rule = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof GraphQLError) return `${e.extensions.field} ${e.extensions.rule}`;
      throw e;
    }
    return "accepted";
  };

  it.each([
    [null, "sw-2", "2015-08-31", "accepted"],
    [null, "sw-2", "2015-08-30", "input.from NOT_BEFORE_BIRTH"],
    [null, "sw-2", "2026-12-02", "input.from NOT_IN_FUTURE"],
    [current, "sw-2", "2026-05-25", "accepted"],
    [current, "sw-2", "2026-05-24", "input.from NOT_BEFORE_CURRENT_ALLOCATION"],
    [current, "sw-1", "2026-08-31", "input.workerId ALREADY_ALLOCATED"],
    [current, "sw-2", "2026-12-01", "accepted"],
  ])("current %j, worker %s from %s: %s", (cur, worker, from, expected) => {
    expect(rule(() => checkAllocation(cur, worker, from, DOB, TODAY))).toBe(expected);
  });
});
