import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ServiceDefinition } from "@caregraph/platform";
import gql from "graphql-tag";
import { Context, createContext, directory } from "./context";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The placements subgraph: extends Child with where the child lives. */
export const placements: ServiceDefinition<PrismaClient, Context> = {
  name: "placements",
  dir,
  typeDefs: gql(readFileSync(join(dir, "schema.graphql"), "utf8")),
  resolvers: resolvers as never,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  subscriptions: ["children"],
  handlers: () => directory.handlers,
};
