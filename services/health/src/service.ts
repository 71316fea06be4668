import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The health subgraph: extends Child with statutory health assessments. */
export const health: ServiceDefinition<PrismaClient, Context> = {
  name: "health",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children", "placements", "family"],
  handlers: (deps) => handlers(deps.recorder),
};
