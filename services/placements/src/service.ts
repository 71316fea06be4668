import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The placements subgraph: extends Child with where the child lives and when they go missing. */
export const placements: ServiceDefinition<PrismaClient, Context> = {
  name: "placements",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  // Its own events too: the child directory learns from them which home each child is placed in;
  // family's for siblings (matching).
  subscriptions: ["children", "placements", "family"],
  handlers: (deps) => handlers(deps.recorder),
};
