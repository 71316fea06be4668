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

/**
 * A spelling variant of a name, for the duplicate check: the same once normalised, one letter
 * added, dropped, changed or two neighbours swapped (Smith / Smyth, Jon / John, Cliare / Claire),
 * or one double-barrelled name containing the other (O'Brien-Smith / Smith). Names under four
 * letters must match exactly: one letter is most of a short name (Amy / Ami / Ama).
 */
export function nameVariant(a: string, b: string): boolean {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [xs, ys] = [x.split(" "), y.split(" ")];
  if ((xs.length > 1 || ys.length > 1) && (xs.every((w) => ys.includes(w)) || ys.every((w) => xs.includes(w)))) return true;
  const [cx, cy] = [x.replace(/ /g, ""), y.replace(/ /g, "")];
  return Math.min(cx.length, cy.length) >= 4 && oneEditApart(cx, cy);
}

/** Damerau–Levenshtein distance of at most one (one insertion, deletion, substitution or adjacent swap). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || a.slice(i + 1) === b.slice(i + 1);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
