import type { Identity } from "./auth";
import type { BaseContext } from "./graphql";
import type { ServiceDeps } from "./service";

/**
 * What every subgraph's resolvers get: the verified caller (shield lets no resolver run
 * without one), their local authority, and the service's database, recorder and telemetry.
 * A service's own Context adds its DataLoaders to this.
 */
export interface ServiceContext<Client> extends BaseContext {
  identity: Identity;
  /** The caller's local authority (ONS code): every read and write is scoped to it. */
  tenant: string;
  deps: ServiceDeps<Client>;
}

export function serviceContext<Client>(base: BaseContext, deps: ServiceDeps<Client>): ServiceContext<Client> {
  return { ...base, identity: base.identity as Identity, tenant: base.identity?.tenant ?? "", deps };
}
