import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The leaving-care subgraph: extends Child with leaving-care status, needs assessment and pathway plan reviews. */
export const leavingCare: ServiceDefinition<PrismaClient, Context> = {
  name: "leaving-care",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children"],
  handlers: (deps) => handlers(deps.recorder),
};
