/** The query limits live in the platform (every subgraph applies the same ones); re-exported for the gateway's tests. */
export * from "@caregraph/platform/graphql";
