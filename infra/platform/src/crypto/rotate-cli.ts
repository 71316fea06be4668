/**
 * `npm run keys:rotate` (root): re-seals every encrypted column with the current key of
 * FIELD_ENCRYPTION_KEYS (see README.md). Uses DATABASE_URL when set, else the embedded data
 * (CAREGRAPH_DATA_DIR, default .caregraph/data; stop `npm start` first: an embedded database has
 * one user at a time). Exit code 1 if any value could not be opened, 2 if it could not run.
 */
import { keyringFromEnv } from "./keyring";
import { formatRotation, rotateAll } from "./rotate";

async function main(): Promise<number> {
  const keyring = keyringFromEnv(process.env);
  const url = process.env.DATABASE_URL;
  const reports = await rotateAll(url ? { url } : { dataDir: process.env.CAREGRAPH_DATA_DIR || ".caregraph/data" }, keyring);
  process.stdout.write(`${formatRotation(reports, keyring.currentId)}\n`);
  return reports.some((r) => r.unreadable) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`keys:rotate: ${error.message}\n`);
    process.exit(2);
  },
);
