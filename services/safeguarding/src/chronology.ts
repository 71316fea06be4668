import { chronologyEntryRecorded, NewEvent } from "@caregraph/platform";
import type { LocalDate } from "@caregraph/platform/calendar";

/**
 * What the safeguarding domain tells the child's chronology: what was held or decided, its
 * category and day. Never a narrative — not the concern's summary, the source agency, the agencies
 * at a discussion nor an acknowledgement's note. The chronology shows these entries to the
 * domain's readers; health professionals see the child protection plan's entries only (as they
 * may read the plan's category and dates, not the concerns behind it).
 */
const HARM: Record<string, string> = {
  PHYSICAL_ABUSE: "physical abuse",
  EMOTIONAL_ABUSE: "emotional abuse",
  SEXUAL_ABUSE: "sexual abuse",
  NEGLECT: "neglect",
  EXPLOITATION: "exploitation",
};
const harm = (category: string) => HARM[category] ?? category;

const STRATEGY: Record<string, string> = {
  SECTION_47: "section 47 enquiries (Children Act 1989 s47)",
  CHILD_IN_NEED: "assessment and support as a child in need (s17)",
  NO_FURTHER_ACTION: "no further action",
};
const SECTION_47: Record<string, string> = {
  CONFERENCE: "concerns substantiated; an initial child protection conference",
  CHILD_IN_NEED: "concerns substantiated, no continuing risk of significant harm; support as a child in need (s17)",
  NO_FURTHER_ACTION: "concerns not substantiated; no further action",
};

const entry = (childId: string, entryId: string, kind: string, on: LocalDate, summary: string): NewEvent =>
  chronologyEntryRecorded(childId, { entryId, kind, on, summary });

export const concernRaised = (childId: string, c: { id: string; category: string; riskLevel: string }, on: LocalDate) =>
  entry(childId, `concern:${c.id}`, "ConcernRaised", on, `Concern raised: ${harm(c.category)}, risk ${c.riskLevel}`);

export const strategyDiscussionHeld = (childId: string, d: { id: string; outcome: string }, on: LocalDate) =>
  entry(childId, `strategy-discussion:${d.id}`, "StrategyDiscussionHeld", on, `Strategy discussion held: decided ${STRATEGY[d.outcome] ?? d.outcome}`);

export const section47Concluded = (childId: string, enquiryId: string, outcome: string, on: LocalDate) =>
  entry(childId, `section-47-enquiry:${enquiryId}:concluded`, "Section47EnquiryConcluded", on, `Section 47 enquiry concluded: ${SECTION_47[outcome] ?? outcome}`);

/** An initial conference decides whether there is a plan; a review whether it continues (and under which category). */
export function conferenceHeld(childId: string, c: { id: string; kind: "INITIAL" | "REVIEW"; planCategory: string | null }, on: LocalDate): NewEvent {
  const decided =
    c.kind === "INITIAL"
      ? c.planCategory
        ? `a child protection plan, category ${harm(c.planCategory)}`
        : "no child protection plan"
      : c.planCategory
        ? `the plan continues, category ${harm(c.planCategory)}`
        : "the plan ends";
  const kind = c.kind === "INITIAL" ? "InitialChildProtectionConference" : "ChildProtectionReviewConference";
  const what = c.kind === "INITIAL" ? "Initial child protection conference" : "Review child protection conference";
  return entry(childId, `child-protection-conference:${c.id}`, kind, on, `${what} held: ${decided}`);
}

export const planStarted = (childId: string, p: { id: string; category: string }, on: LocalDate) =>
  entry(childId, `child-protection-plan:${p.id}:started`, "ChildProtectionPlanStarted", on, `Child protection plan started: category ${harm(p.category)}`);

export const planEnded = (childId: string, p: { id: string; category: string }, on: LocalDate) =>
  entry(childId, `child-protection-plan:${p.id}:ended`, "ChildProtectionPlanEnded", on, `Child protection plan ended (category ${harm(p.category)})`);

export const coreGroupHeld = (childId: string, g: { id: string }, on: LocalDate) => entry(childId, `core-group:${g.id}`, "CoreGroupHeld", on, "Core group meeting held");
