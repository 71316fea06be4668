import { compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * Life-story work: helping a looked-after child understand their history (for a child placed for
 * adoption the life-story book and later-life letter are required: Adoption Agencies Regulations
 * 2005 reg 35 and the adoption statutory guidance — not verified here). Pure rules.
 */
export type LifeStoryWorkKind =
  | "LIFE_STORY_BOOK"
  | "LATER_LIFE_LETTER"
  | "MEMORY_BOX"
  | "DIRECT_WORK_SESSION"
  | "PHOTOGRAPHS_AND_MEMENTOS"
  | "FAMILY_TREE_WORK"
  | "OTHER";

/** At most this many characters in a title (a heading, not the narrative: that is the note). */
export const TITLE_MAX = 200;

/** A piece of work has a title and was done between the child's birth and today. Returns the title trimmed. */
export function checkLifeStoryItem(i: { title: string; completedOn: LocalDate }, child: { dateOfBirth: LocalDate }, today: LocalDate): string {
  const title = i.title.trim();
  if (!title) invalidInput("input.title", "REQUIRED", "give the piece of work a short title, e.g. 'Life-story book, chapter 1'");
  if (title.length > TITLE_MAX) invalidInput("input.title", "MAX_LENGTH", `at most ${TITLE_MAX} characters; put the detail in the note`);
  if (compareDates(i.completedOn, today) > 0) invalidInput("input.completedOn", "NOT_IN_FUTURE", "record life-story work once it is done");
  if (compareDates(i.completedOn, child.dateOfBirth) < 0) {
    invalidInput("input.completedOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${formatDate(child.dateOfBirth)})`);
  }
  return title;
}
