export * from "./identity";
export * from "./tokens";
export * from "./shield";
export * from "./matrix";
export * from "./partners";
