// The repo-wide preset: @swc/jest transform, testEnvironment node, testMatch test/**/*.test.ts.
// A cold first run builds librdkafka (~40-70 s) inside beforeAll (180 s timeouts there);
// `npm run prepare-native` does it up front instead.
module.exports = require("../../jest.preset.js");
