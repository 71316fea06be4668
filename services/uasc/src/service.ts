import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The uasc subgraph: extends Child with an unaccompanied asylum-seeking child's immigration status, leave and age assessments. */
export const uasc: ServiceDefinition<PrismaClient, Context> = {
  name: "uasc",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children"],
  handlers: () => handlers(),
};
