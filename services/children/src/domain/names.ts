/**
 * Names as search compares them: lower case, accents and apostrophes dropped, any other
 * punctuation a space — so "Zoë O'Brien-Smith" is searched as "zoe obrien smith". Done here,
 * in JS, because the embedded database (PGlite) has no unaccent extension; the result is
 * stored on the row (child.search_name).
 */
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c] ?? c)
    .replace(/['’`ʼ]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The stored search column: first and last name together. */
export const searchNameOf = (firstName: string, lastName: string) => normaliseName(`${firstName} ${lastName}`);

/** The words of a search: every one must occur in the child's name. */
export const searchWords = (query: string) => normaliseName(query).split(" ").filter(Boolean);

/** Same name for the double-registration check: case, accents and punctuation ignored. */
export const sameName = (a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }) =>
  normaliseName(a.firstName) === normaliseName(b.firstName) && normaliseName(a.lastName) === normaliseName(b.lastName);
