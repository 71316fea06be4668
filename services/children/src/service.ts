import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ServiceDefinition } from "@caregraph/platform";
import gql from "graphql-tag";
import { Context, createContext } from "./context";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The children subgraph: owns the Child entity and the legal status history. */
export const children: ServiceDefinition<PrismaClient, Context> = {
  name: "children",
  dir,
  typeDefs: gql(readFileSync(join(dir, "schema.graphql"), "utf8")),
  resolvers: resolvers as never,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
};
