import { join } from "node:path";
import { readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { Context, createContext } from "./context";
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
  // Answers Query.auditTrail for every subgraph (the child's record is this subgraph's entity).
  collectsAuditTrail: true,
};
