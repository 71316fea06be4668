import { allow, deny, IRule, IRules, rule, shield } from "graphql-shield";
import type { IMiddlewareGenerator } from "graphql-middleware";
import { GraphQLError } from "graphql";
import type { DocumentNode } from "graphql";
import { Identity, Role } from "./identity";
import { AccessDomain, buildRules } from "./matrix";
import { PartnerName, partnerReads } from "./partners";

export interface AuthContext {
  identity: Identity | null;
}

const unauthenticated = () =>
  new GraphQLError("Not authenticated: a verified access token is required", {
    extensions: { code: "UNAUTHENTICATED" },
  });

/** A verified identity is present (the subgraph refuses anything else). */
export const isAuthenticated: IRule = rule({ cache: "contextual" })((_p, _a, ctx: AuthContext) =>
  ctx.identity ? true : unauthenticated(),
);

/** The caller holds one of these roles. Rows are tenant-scoped by the data layer, not here. */
const roleRules = new Map<string, IRule>();

export function hasRole(...roles: Role[]): IRule {
  const name = `hasRole:${roles.join(",")}`;
  // shield refuses two rules with one name, so each role set has exactly one rule object.
  const existing = roleRules.get(name);
  if (existing) return existing;
  const created = rule(name, { cache: "contextual" })((_p, _a, ctx: AuthContext) =>
    !ctx.identity
      ? unauthenticated()
      : ctx.identity.roles.some((r) => roles.includes(r))
        ? true
        : new GraphQLError(`Forbidden: requires role ${roles.join(" or ")}`, { extensions: { code: "FORBIDDEN" } }),
  );
  roleRules.set(name, created);
  return created;
}

/**
 * graphql-shield fails open by default; CareGraph denies anything not named. The federation
 * plumbing is allowed explicitly: `_service` (composition) and `_entities` — by the rule set's own
 * `Query._entities` when it has one (rulesFor gives it: anyone who may read something of the
 * domain), else any verified caller. Each entity's `__resolveReference` does its own tenant and
 * scope check (the child directory), and every field has its own role rule.
 */
export function permissions(rules: IRules, entityRule: IRule = isAuthenticated): IMiddlewareGenerator<unknown, unknown, unknown> {
  const r = rules as Record<string, Record<string, IRule | undefined>>;
  return shield(
    {
      ...rules,
      Query: { ...(r.Query ?? {}), _service: allow, _entities: r.Query?._entities ?? entityRule },
      _Service: allow,
    } as IRules,
    { fallbackRule: deny, allowExternalErrors: true, fallbackError: new GraphQLError("Forbidden: not permitted", { extensions: { code: "FORBIDDEN" } }) },
  );
}

/**
 * hasRole for one domain's rules: PARTNER counts only for the partner agencies named — those whose
 * allow list (./partners.ts) has the field — so a school's token is refused a health field, and
 * the police a field only the health trust reads, not merely shown no child.
 */
function hasRoleIn(domain: AccessDomain) {
  return (roles: Role[], partners: readonly PartnerName[]): IRule => {
    if (!roles.includes("PARTNER")) return hasRole(...roles);
    const name = `hasRole:${domain}:${roles.join(",")}:${partners.join(",")}`;
    const existing = roleRules.get(name);
    if (existing) return existing;
    const shown: readonly string[] = partners;
    const created = rule(name, { cache: "contextual" })((_p, _a, ctx: AuthContext) => {
      if (!ctx.identity) return unauthenticated();
      const { roles: held, partner } = ctx.identity;
      if (held.some((r) => r !== "PARTNER" && roles.includes(r))) return true;
      if (held.includes("PARTNER") && partner && shown.includes(partner)) return true;
      const why = !held.includes("PARTNER") ? "" : partnerReads(partner, domain) ? " (not on this partner agency's allow list)" : ` (this partner agency is not shown ${domain})`;
      return new GraphQLError(`Forbidden: requires role ${roles.join(" or ")}${why}`, { extensions: { code: "FORBIDDEN" } });
    });
    roleRules.set(name, created);
    return created;
  };
}

const forbidden = rule("nobody", { cache: "contextual" })(() => new GraphQLError("Forbidden: not permitted", { extensions: { code: "FORBIDDEN" } }));

/**
 * A subgraph's shield rules, generated from the access matrix (./matrix.ts) for its domain and
 * its schema document (or a map of type name to field names), so ACCESS.md and the code agree.
 */
export function rulesFor(domain: AccessDomain, typeDefs: DocumentNode | Map<string, string[]>): IRules {
  return buildRules(domain, typeDefs, hasRoleIn(domain), forbidden) as IRules;
}

export { allow, deny, rule };
