/**
 * Helpers for tests against the real parts: a fresh PostgreSQL database per run, librdkafka's
 * mock broker over TCP, signed tokens. No in-memory stand-ins.
 */
export { createTestDatabase } from "../db/testing";
export * from "./tokens";
export * from "./eventually";
export * from "./broker";
export * from "./kafka";
export * from "./service";
export * from "./setup";
export * from "./documented";
export * from "./roles";
export * from "./outbox";
export * from "./encryption";
