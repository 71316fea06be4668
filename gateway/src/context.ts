import type { Identity, Logger } from "@caregraph/platform";

export interface GatewayContext {
  token: string;
  identity: Identity;
  requestId: string;
  /** The caller's Idempotency-Key header, if any (a mutation sent twice is done once). */
  idempotencyKey?: string;
  log: Logger;
}
