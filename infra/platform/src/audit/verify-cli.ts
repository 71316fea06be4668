/**
 * `npm run audit:verify` (root): reports, for each service, the first broken link of its audit
 * chain; exit code 1 if any chain is broken, 2 if it could not check. Uses DATABASE_URL when set,
 * else the embedded data (CAREGRAPH_DATA_DIR, default .caregraph/data; stop `npm start` first:
 * an embedded database has one user at a time).
 */
import { formatReports, verifyAll } from "./verify";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  const reports = await verifyAll(url ? { url } : { dataDir: process.env.CAREGRAPH_DATA_DIR || ".caregraph/data" });
  process.stdout.write(`${reports.length ? formatReports(reports) : "no audit trails found"}\n`);
  return reports.some((r) => r.broken) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`audit:verify: ${error.message}\n`);
    process.exit(2);
  },
);
