import { join } from "node:path";
import { readTypeDefs, ServiceDefinition, DOMAINS } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/**
 * The care-planning subgraph: extends Child with care plans, looked-after reviews and statutory
 * visits, and owns the work tray fed by every domain's statutory-task events (its own included).
 */
export const carePlanning: ServiceDefinition<PrismaClient, Context> = {
  name: "care-planning",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  // Everyone on the case reads a child's reviews, visits and plan: the IRO and team manager too.
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  // The work tray is fed by every domain's statutory tasks, so it listens to every domain's topic
  // (a domain added later is in the tray from its first event).
  subscriptions: [...DOMAINS],
  handlers: (deps) => handlers(deps.recorder),
};
