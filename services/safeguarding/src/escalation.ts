import { loadConfig, quoteIdent, ServiceDeps, z } from "@caregraph/platform";
import { now, today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { AUTHORITY, overdueConferenceEscalation, TASK } from "./domain/child-protection";
import type { PrismaClient } from "./generated/prisma/client";
import { scheduleTask } from "./tasks";

/** How often the overdue check runs (ms); 0 switches it off (e.g. a replica that only serves reads). */
export const escalationConfigShape = {
  SAFEGUARDING_ESCALATION_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
};
export const escalationConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(escalationConfigShape, env);

const BATCH = 100;

/**
 * Finds initial child protection conferences past their due date (WT 2023: 15 working days) that
 * nobody has escalated yet, and raises an Escalation task for a team manager for each — no
 * practitioner has to act for time to pass. Safe on several replicas: the claim (escalated_at),
 * the new task, its audit entry and its outbox event commit in one transaction, and
 * `FOR UPDATE SKIP LOCKED … WHERE escalated_at IS NULL` lets exactly one replica claim each task.
 * Driven by the platform clock (`today()`), so `setClock` moves it in tests. Returns how many.
 */
export async function escalateOverdueConferences(deps: ServiceDeps<PrismaClient>): Promise<number> {
  const s = quoteIdent(deps.schema);
  const on = today();
  return deps.db.$transaction(async (tx) => {
    const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE ${s}.safeguarding_task SET escalated_at = $1::timestamptz
        WHERE id IN (SELECT id FROM ${s}.safeguarding_task
                      WHERE task = $2 AND completed_on IS NULL AND cancelled_on IS NULL AND escalated_at IS NULL AND due_date < $3::date
                      ORDER BY due_date LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id::text`,
      now().toISOString(),
      TASK.INITIAL_CONFERENCE,
      on,
    );
    for (const { id } of claimed) {
      const overdue = await tx.safeguardingTask.findUniqueOrThrow({ where: { id } });
      const at = { tenant: overdue.tenant, childId: overdue.childId };
      const escalation = await scheduleTask(tx, at, {
        task: TASK.ESCALATION,
        due: overdueConferenceEscalation(fromUtc(overdue.dueDate), on, overdue.explanation),
        authority: AUTHORITY.ESCALATION,
        assignedRole: "TEAM_MANAGER",
        section47EnquiryId: overdue.section47EnquiryId ?? undefined,
        escalatesTaskId: overdue.id,
      });
      await deps.recorder.change(tx, { identity: { tenant: overdue.tenant, userId: "system:safeguarding", roles: [] } }, {
        action: "initial_conference.overdue_escalated",
        entity: "SafeguardingTask",
        entityId: escalation.row.id,
        childId: overdue.childId,
        details: { escalates: overdue.id, dueDate: fromUtc(overdue.dueDate), foundOverdueOn: on },
        events: [escalation.event],
      });
    }
    return claimed.length;
  });
}

/** Runs the overdue check every `intervalMs` (never two at once in this process); stop() waits for a run in progress. */
export function startEscalationJob(deps: ServiceDeps<PrismaClient>, intervalMs: number): { stop(): Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = escalateOverdueConferences(deps)
      .then((n) => {
        if (n) deps.log.info({ escalated: n }, "overdue initial child protection conferences escalated");
      })
      .catch((err: unknown) => deps.log.error({ err }, "escalation check failed; retrying next interval"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
