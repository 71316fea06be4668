import { today as clockToday } from "@caregraph/platform/clock";
import { addDays, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { eventually } from "@caregraph/platform/testing";
import { graphqlOk } from "./client";

/**
 * A small synthetic caseload so the embedded graph has something to show. Every name and date
 * is generated here from fixed lists: no real person's data.
 */
const FIRST = ["Amara", "Theo", "Isla", "Kofi", "Maya", "Reuben", "Zainab", "Ollie", "Priya", "Callum", "Elif", "Jonah"];
const LAST = ["Ashdown", "Brightwater", "Copperfield", "Dunmore", "Elmstead", "Fairbourne", "Greyling", "Hollins"];
const PLACEMENTS = ["U4", "U6", "K2", "U1", "U3"];

/** A deterministic pseudo-random sequence, so every fresh start seeds the same caseload. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

export async function seedCaseload(gatewayUrl: string, token: string, count = 12, today: LocalDate = clockToday()): Promise<string[]> {
  const existing = await graphqlOk<{ children: { edges: { node: { id: string } }[] } }>(
    gatewayUrl,
    token,
    `{ children(first: 100) { edges { node { id } } } }`,
  );
  if (existing.children.edges.length) return existing.children.edges.map((e) => e.node.id);
  const random = rng(903);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const age = 1 + Math.floor(random() * 16);
    const dateOfBirth = addDays(today, -(age * 365 + Math.floor(random() * 300)));
    const lookedAfterSince = addDays(today, -(10 + Math.floor(random() * 200)));
    const { registerChild } = await graphqlOk<{ registerChild: { id: string } }>(
      gatewayUrl,
      token,
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          firstName: FIRST[i % FIRST.length],
          lastName: LAST[Math.floor(random() * LAST.length)],
          dateOfBirth,
          sex: random() < 0.5 ? "FEMALE" : "MALE",
          lookedAfterSince,
          legalStatus: random() < 0.6 ? "C2" : "V2",
        },
      },
    );
    ids.push(registerChild.id);
    const type = PLACEMENTS[i % PLACEMENTS.length];
    await graphqlOk(gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
      input: { childId: registerChild.id, type, startDate: lookedAfterSince, provider: type === "K2" ? "PR4" : "PR1" },
    });
    if (i % 2 === 1 && compareDates(addDays(lookedAfterSince, 10), today) < 0) {
      // Half the caseload had their initial health assessment on time: wait until health has
      // scheduled it (events are asynchronous), then record it done.
      await eventually(async () => {
        const r = await graphqlOk<{ child: { healthAssessments: unknown[] } }>(gatewayUrl, token, `query($id: ID!) { child(id: $id) { healthAssessments { id } } }`, { id: registerChild.id });
        return r.child.healthAssessments.length > 0;
      });
      await graphqlOk(gatewayUrl, token, `mutation($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id } }`, {
        input: { childId: registerChild.id, completedOn: addDays(lookedAfterSince, 10) },
      });
    }
    if (i % 3 === 0) {
      await graphqlOk(gatewayUrl, token, `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id } }`, {
        input: { childId: registerChild.id, type: "U6", date: addDays(lookedAfterSince, 5), reason: "CARPL", provider: "PR1" },
      });
    }
  }
  return ids;
}
