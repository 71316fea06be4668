import { join } from "node:path";
import { migrationDrift } from "@caregraph/platform";

it("schema.prisma and the committed migrations agree", async () => {
  expect(await migrationDrift(join(__dirname, ".."))).toBe("");
}, 60_000);
