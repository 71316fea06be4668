import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ServiceDefinition } from "@caregraph/platform";
import gql from "graphql-tag";
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
  typeDefs: gql(readFileSync(join(dir, "schema.graphql"), "utf8")),
  resolvers: resolvers as never,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children", "placements"],
  handlers: (deps) => handlers(deps.recorder),
};
