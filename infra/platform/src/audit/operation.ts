import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The GraphQL operation a resolver is running for, so the recorder can name it in the audit
 * entry without every service passing it along (service.ts runs each root resolver inside it).
 */
const operation = new AsyncLocalStorage<string>();

export function withOperation<T>(name: string, fn: () => T): T {
  return operation.run(name, fn);
}

export function currentOperation(): string | undefined {
  return operation.getStore();
}
