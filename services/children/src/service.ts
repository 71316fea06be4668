import { join } from "node:path";
import { DOMAINS, mergeHandlers, readTypeDefs, ServiceDefinition } from "@caregraph/platform";
import { chronologyHandlers } from "./chronology/read-model";
import { documentRoutes } from "./documents/http";
import { documentStoreFrom } from "./documents/store";
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
  // Its own events and the placements domain's keep the directory of who may be shown which child;
  // every domain's (its own included) feed the child's chronology (a domain added later is in it
  // from its first event).
  subscriptions: [...DOMAINS],
  handlers: () => mergeHandlers(directory.handlers, chronologyHandlers),
  // Answers Query.auditTrail for every subgraph (the child's record is this subgraph's entity).
  collectsAuditTrail: true,
  // The signed upload and download URLs of documents (the gateway forwards /documents/* here).
  routes: (deps) => documentRoutes(deps, documentStoreFrom()),
};
