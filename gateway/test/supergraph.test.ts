import { readFileSync } from "node:fs";
import { compose, composeSupergraph, SUPERGRAPH_FILE } from "../src/compose";
import { SUBGRAPHS } from "../src/subgraphs";

describe("the supergraph", () => {
  it("composes from every subgraph's schema.graphql", () => {
    expect(() => composeSupergraph()).not.toThrow();
  });

  it("matches the committed schema/supergraph.graphql (run `npm run compose` after changing a subgraph)", () => {
    expect(readFileSync(SUPERGRAPH_FILE, "utf8")).toBe(composeSupergraph());
  });

  it("composes without hints: shared types (Child, PageInfo, the scalars) are described alike everywhere", () => {
    expect(compose().hints).toEqual([]);
  });

  it("is child-centred: Child is owned by children and extended by every other subgraph", () => {
    const sdl = composeSupergraph();
    const child = sdl.slice(sdl.indexOf("type Child\n"), sdl.indexOf("}", sdl.indexOf("type Child\n")));
    for (const { name } of SUBGRAPHS) expect(child).toContain(`@join__type(graph: ${name.toUpperCase().replace(/-/g, "_")}, key: "id")`);
    expect(child).toMatch(/placements: \[Placement!\]! @join__field\(graph: PLACEMENTS\)/);
    expect(child).toMatch(/healthAssessments: \[HealthAssessment!\]! @join__field\(graph: HEALTH\)/);
  });
});
