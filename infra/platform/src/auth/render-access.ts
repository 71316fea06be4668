import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderAccessDoc } from "./matrix";

/** Writes infra/platform/ACCESS.md from the access matrix (from dist/auth or src/auth alike). */
export const ACCESS_DOC = join(__dirname, "..", "..", "ACCESS.md");

if (require.main === module) {
  writeFileSync(ACCESS_DOC, renderAccessDoc());
  process.stdout.write(`wrote ${ACCESS_DOC}\n`);
}
