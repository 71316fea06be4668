// One jest setup for every workspace: TypeScript through SWC (fast, no type-check — `typecheck` does that).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testTimeout: 30000,
};
