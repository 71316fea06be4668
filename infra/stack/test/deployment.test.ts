import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { SUBGRAPHS } from "@caregraph/gateway/dist/subgraphs";
import { ROOT } from "../src/paths";

const serviceFolders = readdirSync(join(ROOT, "services")).filter((d) => existsSync(join(ROOT, "services", d, "package.json")));

describe("every service is deployable", () => {
  const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as {
    services: Record<string, { build?: { args?: { APP?: string } }; healthcheck?: unknown; environment?: Record<string, string> }>;
  };

  it("finds the service folders", () => {
    expect(serviceFolders).toEqual(expect.arrayContaining(["children", "placements", "health"]));
  });

  it.each(serviceFolders)("docker-compose.yml runs %s with a health check, and the gateway knows its URL", (name) => {
    const svc = compose.services[name];
    expect(svc).toBeDefined();
    expect(svc?.build?.args?.APP).toBe(`services/${name}`);
    expect(svc?.healthcheck).toBeDefined();
    expect(compose.services.gateway?.environment?.[`${name.toUpperCase().replace(/-/g, "_")}_URL`]).toBe(`http://${name}:4000/graphql`);
  });

  it.each(serviceFolders)("k8s has a Deployment with probes and a Service for %s", (name) => {
    const file = join(ROOT, "k8s", `${name}.yaml`);
    expect(existsSync(file)).toBe(true);
    const docs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: any }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const deployment = docs.find((d) => d.kind === "Deployment");
    const service = docs.find((d) => d.kind === "Service");
    expect(deployment?.metadata.name).toBe(name);
    expect(service?.metadata.name).toBe(name);
    const container = deployment?.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    expect(container.livenessProbe.httpGet.path).toBe("/healthz");
    const secretRefs = container.env.map((e: { valueFrom?: { secretKeyRef?: { name: string } } }) => e.valueFrom?.secretKeyRef?.name);
    expect(secretRefs).toContain("caregraph-secrets");
    expect(readFileSync(join(ROOT, "k8s", "kustomization.yaml"), "utf8")).toContain(`- ${name}.yaml`);
  });

  it("the gateway composes exactly the service folders", () => {
    expect(SUBGRAPHS.map((s) => s.name).sort()).toEqual([...serviceFolders].sort());
  });
});
