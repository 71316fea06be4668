import type { Identity, Logger } from "@caregraph/platform";

export interface GatewayContext {
  token: string;
  identity: Identity;
  requestId: string;
  log: Logger;
}
