// One jest setup for every workspace: TypeScript through SWC (fast, no type-check — `typecheck` does that).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }],
    // PGlite's CommonJS build uses dynamic import(), which jest's module system refuses without this.
    "/@electric-sql/pglite/dist/.+\\.cjs$": require.resolve("./infra/platform/src/db/jest-pglite-transform.js"),
  },
  transformIgnorePatterns: ["/node_modules/(?!@electric-sql/pglite/)"],
  testTimeout: 30000,
};
