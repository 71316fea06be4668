import { join } from "node:path";
import { readTypeDefs } from "@caregraph/platform";
import { undocumentedElements } from "@caregraph/platform/testing";

it("every type, field, argument and enum value in schema.graphql has a description", () => {
  expect(undocumentedElements(readTypeDefs(join(__dirname, "..")))).toEqual([]);
});
