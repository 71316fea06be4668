import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext, directory } from "./context";
import { PrismaClient } from "./generated/prisma/client";
import { rules } from "./permissions";
import { resolvers } from "./resolvers";

const dir = join(__dirname, "..");

/** The children subgraph: owns the Child entity and the legal status history. */
export const children: ServiceDefinition<PrismaClient, Context> = {
  name: "children",
  dir,
  typeDefs: readTypeDefs(dir),
  resolvers,
  rules,
  createClient: (adapter) => new PrismaClient({ adapter }),
  context: createContext,
  // Its own events and the placements domain's keep the directory of who may be shown which child.
  subscriptions: ["children", "placements"],
  handlers: () => directory.handlers,
  // Answers Query.auditTrail for every subgraph (the child's record is this subgraph's entity).
  collectsAuditTrail: true,
};
