import { readFileSync } from "node:fs";
import { composeSupergraph, SUPERGRAPH_FILE } from "../src/compose";

describe("the supergraph", () => {
  it("composes from every subgraph's schema.graphql", () => {
    expect(() => composeSupergraph()).not.toThrow();
  });

  it("matches the committed schema/supergraph.graphql (run `npm run compose` after changing a subgraph)", () => {
    expect(readFileSync(SUPERGRAPH_FILE, "utf8")).toBe(composeSupergraph());
  });

  it("is child-centred: Child is owned by children and extended by placements and health", () => {
    const sdl = composeSupergraph();
    const child = sdl.slice(sdl.indexOf("type Child\n"), sdl.indexOf("}", sdl.indexOf("type Child\n")));
    for (const graph of ["CHILDREN", "PLACEMENTS", "HEALTH"]) expect(child).toContain(`@join__type(graph: ${graph}, key: "id")`);
    expect(child).toMatch(/placements: \[Placement!\]! @join__field\(graph: PLACEMENTS\)/);
    expect(child).toMatch(/healthAssessments: \[HealthAssessment!\]! @join__field\(graph: HEALTH\)/);
  });
});
