import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateManifests, MANIFESTS_DIR, manifestText } from "./manifest";

/**
 * npm run partners:manifests — writes schema/persisted-queries/<partner>.json from the operations
 * in schema/partners/<partner>/*.graphql (and removes the manifest of a partner whose folder is
 * gone). Commit the result: gateway/test/persisted-manifests.test.ts fails while it is stale.
 */
if (require.main === module) {
  const manifests = generateManifests();
  mkdirSync(MANIFESTS_DIR, { recursive: true });
  for (const file of readdirSync(MANIFESTS_DIR).filter((f) => f.endsWith(".json"))) {
    if (!manifests.has(file.replace(/\.json$/, ""))) rmSync(join(MANIFESTS_DIR, file));
  }
  for (const [partner, manifest] of manifests) {
    writeFileSync(join(MANIFESTS_DIR, `${partner}.json`), manifestText(manifest));
    process.stdout.write(`wrote schema/persisted-queries/${partner}.json (${manifest.operations.map((o) => o.name).join(", ")})\n`);
  }
}
