import { join } from "node:path";
import { readTypeDefs } from "@caregraph/platform";
import { undocumentedElements } from "@caregraph/platform/testing";

it("every type, field, argument and enum value in the schema says what it means", () => {
  expect(undocumentedElements(readTypeDefs(join(__dirname, "..")))).toEqual([]);
});
