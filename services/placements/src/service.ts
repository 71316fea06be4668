import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext, directory } from "./context";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The placements subgraph: extends Child with where the child lives. */
export const placements: ServiceDefinition<PrismaClient, Context> = {
  name: "placements",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers: resolvers as never,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children"],
  handlers: () => directory.handlers,
};
