import { join } from "node:path";
import { readTypeDefs, RunningService, ServiceDefinition, startService } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { escalationConfig, startEscalationJob } from "./escalation";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The safeguarding subgraph: extends Child with concerns and the child-protection pathway. */
export const safeguarding: ServiceDefinition<PrismaClient, Context> = {
  name: "safeguarding",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  // Team managers read the pathway through the gateway as social workers do.
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children"],
  handlers: () => handlers(),
};

/** The service plus its periodic overdue-conference escalation (interval: SAFEGUARDING_ESCALATION_INTERVAL_MS). */
export async function startSafeguarding(env: NodeJS.ProcessEnv = process.env): Promise<RunningService<PrismaClient>> {
  const { SAFEGUARDING_ESCALATION_INTERVAL_MS } = escalationConfig(env);
  const service = await startService(safeguarding, env);
  const job = startEscalationJob(service.deps, SAFEGUARDING_ESCALATION_INTERVAL_MS);
  return {
    ...service,
    stop: async () => {
      await job.stop();
      await service.stop();
    },
  };
}
