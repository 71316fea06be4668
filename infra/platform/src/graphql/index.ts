export * from "./errors";
export * from "./scalars";
export * from "./subgraph-server";
export * from "./type-defs";
export * from "./idempotency";
export * from "./limits";
export * from "./input-checks";
export * from "./http";
