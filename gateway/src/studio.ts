import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReporting } from "@apollo/server/plugin/usageReporting";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";

/**
 * Developers through Apollo Studio (GraphOS): with APOLLO_KEY and APOLLO_GRAPH_REF the gateway
 * sends usage reports — operation names and signatures, field usage, and traces that include each
 * subgraph's own (ftv1, which @apollo/subgraph servers add when the gateway asks) — to Studio, or
 * to APOLLO_USAGE_REPORTING_ENDPOINT. Without them the plugin is explicitly disabled: nothing
 * leaves the machine, whatever else the environment holds.
 *
 * What a report never carries: variable values (children's ids, names, dates), request headers
 * (tokens) or error messages (masked). A partner agency's requests are reported under its name as
 * the client, so Studio shows each agency's use of its operations.
 */
export function studio(config: Pick<GatewayConfig, "APOLLO_KEY" | "APOLLO_GRAPH_REF" | "APOLLO_USAGE_REPORTING_ENDPOINT">): {
  apollo?: { key: string; graphRef: string };
  plugin: ApolloServerPlugin<GatewayContext>;
} {
  if (!config.APOLLO_KEY || !config.APOLLO_GRAPH_REF) return { plugin: ApolloServerPluginUsageReportingDisabled() };
  return {
    apollo: { key: config.APOLLO_KEY, graphRef: config.APOLLO_GRAPH_REF },
    plugin: ApolloServerPluginUsageReporting<GatewayContext>({
      ...(config.APOLLO_USAGE_REPORTING_ENDPOINT ? { endpointUrl: config.APOLLO_USAGE_REPORTING_ENDPOINT } : {}),
      sendVariableValues: { none: true },
      sendHeaders: { none: true },
      sendErrors: { masked: true },
      generateClientInfo: ({ contextValue, request }) => {
        const partner = contextValue.identity?.partner;
        if (partner) return { clientName: partner, clientVersion: "persisted" };
        const header = (name: string) => request.http?.headers.get(name) ?? undefined;
        return { clientName: header("apollographql-client-name"), clientVersion: header("apollographql-client-version") };
      },
    }),
  };
}
