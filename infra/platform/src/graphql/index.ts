export * from "./errors";
export * from "./scalars";
export * from "./subgraph-server";
