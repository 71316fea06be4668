export * from "./errors";
export * from "./scalars";
export * from "./subgraph-server";
export * from "./type-defs";
export * from "./idempotency";
export * from "./root-resolvers";
