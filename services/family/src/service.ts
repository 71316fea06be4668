import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext } from "./context";
import { handlers } from "./events/consumed";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The family subgraph: extends Child with family members, parental responsibility, contact and life-story work. */
export const family: ServiceDefinition<PrismaClient, Context> = {
  name: "family",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  // children: the local copy of the child and the local authority's PR (legal status);
  // care-planning: looked-after reviews scheduled, held, cancelled (the contact-review tasks).
  subscriptions: ["children", "care-planning"],
  handlers: (deps) => handlers(deps.recorder),
};
