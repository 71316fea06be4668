import { today as clockToday } from "@caregraph/platform/clock";
import { addDays, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { eventually } from "@caregraph/platform/testing";
import { graphqlOk } from "./client";
import { seedInformationSharing } from "./seed-partners";
import { seedEducation, seedFamily, seedHealthAndPlacement, seedLeavingCare, seedUasc } from "./seed-record";
import { HOME_POSTCODE, placementPostcode, seedBeyondCaseload, seedCommissioning, seedDocument, seedHealthProfile, seedSiblings } from "./seed-profile";

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
  const ok = <T>(query: string, input: Record<string, unknown>) => graphqlOk<T>(gatewayUrl, token, query, { input });
  await seedCommissioning(ok, today);
  for (let i = 0; i < count; i++) {
    const age = 1 + Math.floor(random() * 16);
    let dateOfBirth = addDays(today, -(age * 365 + Math.floor(random() * 300)));
    let lookedAfterSince = addDays(today, -(10 + Math.floor(random() * 200)));
    if (i === CARE_LEAVER) {
      // A 17-year-old in care since 14: an eligible child, with leaving-care work under way.
      dateOfBirth = addDays(today, -(17 * 365 + 100));
      lookedAfterSince = addDays(today, -(3 * 365));
    }
    const lastName = LAST[Math.floor(random() * LAST.length)];
    const sex = random() < 0.5 ? "FEMALE" : "MALE";
    const legalStatus = random() < 0.6 ? "C2" : "V2";
    const { registerChild } = await graphqlOk<{ registerChild: { id: string } }>(
      gatewayUrl,
      token,
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          firstName: FIRST[i % FIRST.length],
          lastName,
          dateOfBirth,
          sex,
          lookedAfterSince,
          legalStatus,
        },
      },
    );
    ids.push(registerChild.id);
    const type = PLACEMENTS[i % PLACEMENTS.length];
    const { startPlacement } = await graphqlOk<{ startPlacement: { id: string } }>(gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
      input: {
        childId: registerChild.id,
        type,
        startDate: lookedAfterSince,
        provider: type === "K2" ? "PR4" : "PR1",
        postcode: placementPostcode(i),
        homePostcode: HOME_POSTCODE,
        // A connected person approved temporarily (CPPCR 2010 reg 24): 16 weeks, weekly visits (reg 28(4)).
        ...(type === "U3" && compareDates(addDays(lookedAfterSince, 112), today) > 0 ? { temporaryApprovalEndsOn: addDays(lookedAfterSince, 112) } : {}),
      },
    });
    let placementId = startPlacement.id;
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
      const { changePlacement } = await graphqlOk<{ changePlacement: { id: string } }>(gatewayUrl, token, `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id } }`, {
        input: { childId: registerChild.id, type: "U6", date: addDays(lookedAfterSince, 5), reason: "CARPL", provider: "PR1", postcode: placementPostcode(i + 1), homePostcode: HOME_POSTCODE },
      });
      placementId = changePlacement.id;
    }
    const { careEnded } = await carePathways(gatewayUrl, token, i, registerChild.id, placementId, lookedAfterSince, today);
    const run = (query: string, input: Record<string, unknown>) => graphqlOk(gatewayUrl, token, query, { input });
    await seedEducation(run, i, registerChild.id, dateOfBirth, lookedAfterSince, today);
    await seedFamily(run, i, registerChild.id, lookedAfterSince, legalStatus === "C2");
    await seedHealthAndPlacement(run, i, registerChild.id, placementId, dateOfBirth, i % 3 === 0 ? addDays(lookedAfterSince, 5) : lookedAfterSince, today);
    await seedInformationSharing(run, i, registerChild.id, dateOfBirth, today);
    await seedHealthProfile(run, i, registerChild.id, dateOfBirth, lookedAfterSince, legalStatus === "C2" && !careEnded, today);
    if (i % 4 === 0) await seedDocument(gatewayUrl, ok, registerChild.id);
    if (i === 1) await seedSiblings(run, registerChild.id, ids[0]!);
    if (i === CARE_LEAVER) {
      await eventually(async () => {
        const r = await graphqlOk<{ child: { leavingCare: { status: string } | null } }>(gatewayUrl, token, `query($id: ID!) { child(id: $id) { leavingCare { status } } }`, { id: registerChild.id });
        return r.child.leavingCare?.status === "ELIGIBLE";
      });
      await seedLeavingCare(gatewayUrl, token, run, registerChild.id, today);
      await seedUasc(run, registerChild.id, lookedAfterSince, today);
    }
  }
  const first = await graphqlOk<{ child: { firstName: string; lastName: string; dateOfBirth: LocalDate; sex: string } }>(gatewayUrl, token, `query($id: ID!) { child(id: $id) { firstName lastName dateOfBirth sex } }`, { id: ids[0] });
  await seedBeyondCaseload(ok, first.child, today);
  return ids;
}

/** Which child of the caseload is the care leaver. */
const CARE_LEAVER = 5;

const WORKERS = ["sw-ashdown", "sw-okafor", "sw-lindqvist"];

/**
 * The rest of a child's week, so every domain's clock has something to show: allocations, the
 * looked-after review and visit clocks, a child-protection pathway, a missing episode, and one
 * child who has left care. Dates are relative to `today` and never in the future.
 */
async function carePathways(gatewayUrl: string, token: string, i: number, childId: string, placementId: string, lookedAfterSince: LocalDate, today: LocalDate): Promise<{ careEnded: boolean }> {
  const run = (query: string, input: Record<string, unknown>) => graphqlOk(gatewayUrl, token, query, { input });
  await run(`mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, {
    childId,
    workerId: WORKERS[i % WORKERS.length],
    role: "ALLOCATED_SOCIAL_WORKER",
    from: lookedAfterSince,
  });
  await run(`mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, { childId, workerId: "iro-haverford", role: "IRO", from: lookedAfterSince });
  const placed = i % 3 === 0 ? addDays(lookedAfterSince, 5) : lookedAfterSince;
  if (i % 2 === 0 && compareDates(addDays(placed, 6), today) < 0) {
    // The first visit on time; care-planning learns of the placement through events.
    await eventually(async () => {
      // The current placement's visit clock (after a move, the first placement's visit is cancelled).
      const r = await graphqlOk<{ child: { statutoryVisits: { placementId: string }[] } }>(gatewayUrl, token, `query($id: ID!) { child(id: $id) { statutoryVisits { placementId } } }`, { id: childId });
      return r.child.statutoryVisits.some((v) => v.placementId === placementId);
    });
    await run(`mutation($input: RecordStatutoryVisitInput!) { recordStatutoryVisit(input: $input) { dueDate } }`, { childId, visitedOn: addDays(placed, 6) });
  }
  if (i % 4 === 1 && compareDates(addDays(lookedAfterSince, 25), today) < 0) {
    await eventually(async () => {
      const r = await graphqlOk<{ child: { lookedAfterReviews: unknown[] } }>(gatewayUrl, token, `query($id: ID!) { child(id: $id) { lookedAfterReviews { dueDate } } }`, { id: childId });
      return r.child.lookedAfterReviews.length > 0;
    });
    await run(`mutation($input: RecordLookedAfterReviewInput!) { recordLookedAfterReview(input: $input) { sequence } }`, {
      childId,
      heldOn: addDays(lookedAfterSince, 25),
      participation: "PN1",
    });
  }
  if (i % 5 === 2) {
    // A child-protection pathway: concern, strategy discussion starting a section 47 enquiry; the ICPC is due.
    const raisedOn = addDays(today, -9);
    await run(`mutation($input: RaiseConcernInput!) { raiseConcern(input: $input) { id } }`, {
      childId,
      category: "NEGLECT",
      summary: "Synthetic: school reports repeated missed meals and unwashed uniform.",
      raisedOn,
      sourceAgency: "School",
      likelihood: 3,
      impact: 3,
    });
    await run(`mutation($input: RecordStrategyDiscussionInput!) { recordStrategyDiscussion(input: $input) { id } }`, {
      childId,
      heldOn: addDays(today, -7),
      outcome: "SECTION_47",
      agencies: ["Police", "School", "Health visitor"],
    });
    if (i === 7) {
      // The conference decided a plan; the first core group met; the review conference is due.
      await run(`mutation($input: RecordChildProtectionConferenceInput!) { recordChildProtectionConference(input: $input) { id } }`, {
        childId,
        heldOn: addDays(today, -3),
        kind: "INITIAL",
        planCategory: "NEGLECT",
      });
      await run(`mutation($input: RecordCoreGroupInput!) { recordCoreGroup(input: $input) { id } }`, { childId, heldOn: addDays(today, -1) });
    }
  }
  if (i === 4) {
    // A critical concern escalates to the team managers at once.
    await run(`mutation($input: RaiseConcernInput!) { raiseConcern(input: $input) { id } }`, {
      childId,
      category: "EXPLOITATION",
      summary: "Synthetic: seen getting into unknown cars near the placement late at night.",
      raisedOn: addDays(today, -1),
      sourceAgency: "Police",
      likelihood: 5,
      impact: 5,
    });
  }
  if (i % 4 === 0) {
    await run(`mutation($input: RecordCarePlanInput!) { recordCarePlan(input: $input) { version } }`, {
      childId,
      wishesAndFeelings: "Synthetic: wants to stay at the same school and see their brother every week.",
      placementSection: "Remain in the current foster placement; review at the next looked-after review.",
      healthSection: "Initial health assessment to be completed; dental registration.",
      educationSection: "Personal education plan with the virtual school.",
      contributions: [{ agency: "Virtual school", summary: "Attendance good this term." }],
    });
  }
  if (i % 6 === 3) {
    const { startMissingEpisode } = await graphqlOk<{ startMissingEpisode: { id: string } }>(
      gatewayUrl,
      token,
      `mutation($input: StartMissingEpisodeInput!) { startMissingEpisode(input: $input) { id } }`,
      { input: { childId, startedAt: `${addDays(today, -2)}T20:00:00Z`, kind: "MISSING" } },
    );
    await run(`mutation($input: EndMissingEpisodeInput!) { endMissingEpisode(input: $input) { id } }`, {
      episodeId: startMissingEpisode.id,
      endedAt: `${addDays(today, -1)}T09:30:00Z`,
    });
    if (i === 3) {
      await run(`mutation($input: RecordReturnHomeInterviewInput!) { recordReturnHomeInterview(input: $input) { id } }`, {
        episodeId: startMissingEpisode.id,
        offeredAt: `${addDays(today, -1)}T11:00:00Z`,
        heldAt: `${addDays(today, -1)}T16:00:00Z`,
        by: "Independent return interview service",
      });
    }
  }
  if (i === 11 && compareDates(addDays(lookedAfterSince, 30), today) < 0) {
    // Returned home: care ends, and every domain cancels this child's open tasks.
    await run(`mutation($input: EndCareInput!) { endCare(input: $input) { id } }`, { childId, endDate: addDays(lookedAfterSince, 30), reason: "E13" });
    return { careEnded: true };
  }
  return { careEnded: false };
}
