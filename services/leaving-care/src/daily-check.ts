import { envelope, EventEnvelope, ServiceDeps, tenantScopedClient } from "@caregraph/platform";
import { today } from "@caregraph/platform/clock";
import type { PrismaClient } from "./generated/prisma/client";
import { lockChild, reconcile } from "./leaving-care";

/** How often the check runs (LEAVING_CARE_CHECK_INTERVAL_MS; default hourly — each child is worked out at most once a day). */
export function checkIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LEAVING_CARE_CHECK_INTERVAL_MS?.trim();
  if (!raw) return 3_600_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new RangeError(`LEAVING_CARE_CHECK_INTERVAL_MS must be a whole number of milliseconds ≥ 1000; got "${raw}"`);
  return n;
}

/** The cause the job's events carry (no practitioner acted; the clock did). */
const cause = (tenant: string, childId: string): EventEnvelope =>
  envelope({ type: "LeavingCareDailyCheck", childId, payload: { on: today() } }, { tenant, source: "leaving-care", actor: "system:leaving-care" });

/**
 * The daily check: every record not yet worked out today (platform clock) is claimed by an UPDATE
 * of its checked_on day, in the same transaction as its status change and events. Safe to run
 * twice and on several replicas at once: a second claimant's UPDATE waits for the first to commit,
 * then matches no row. Returns how many children it worked out.
 */
export async function runDailyCheck(deps: Pick<ServiceDeps<PrismaClient>, "db" | "recorder">): Promise<number> {
  const on = today();
  const due = await deps.db.$queryRawUnsafe<{ tenant: string; child_id: string }[]>(
    `SELECT tenant, child_id::text FROM leaving_care.leaving_care_record WHERE checked_on IS NULL OR checked_on < $1::date`,
    on,
  );
  let done = 0;
  for (const { tenant, child_id: childId } of due) {
    const db = tenantScopedClient(deps.db, tenant);
    done += await db.$transaction(async (tx) => {
      const claimed = await tx.$executeRawUnsafe(
        `UPDATE leaving_care.leaving_care_record SET checked_on = $2::date WHERE child_id = $1::uuid AND (checked_on IS NULL OR checked_on < $2::date)`,
        childId,
        on,
      );
      if (claimed === 0) return 0;
      await lockChild(tx, childId);
      const { events } = await reconcile(tx, tenant, childId);
      if (events.length) await deps.recorder.consequence(tx, cause(tenant, childId), events);
      return 1;
    });
  }
  return done;
}

/** Runs the check now and then every `intervalMs`; returns a stop function. Errors are logged, not thrown. */
export function startDailyCheck(deps: ServiceDeps<PrismaClient>, intervalMs = checkIntervalMs()): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await runDailyCheck(deps);
      if (n) deps.log.info({ children: n }, "leaving-care daily check");
    } catch (err) {
      deps.log.error({ err }, "leaving-care daily check failed");
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  return () => clearInterval(timer);
}

