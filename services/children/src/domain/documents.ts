/**
 * What a child's file may hold (issue 12): the types and sizes accepted, and how a file's first
 * bytes must look for its type. Pure: no database, no clock.
 *
 * No statute sets a size or a list of file types; these are CareGraph's own limits, chosen so a
 * scanned court order or a phone photo fits and an executable never does. The record itself is
 * the case record of the Care Planning, Placement and Case Review (England) Regulations 2010,
 * reg. 49 (kept until the 75th birthday, platform retention.ts).
 */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Accepted content types, each with what its file starts with (null: text, checked as UTF-8). */
export const DOCUMENT_TYPES: Record<string, { words: string; magic: number[][] | null }> = {
  "application/pdf": { words: "PDF", magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] }, // %PDF-
  "image/jpeg": { words: "JPEG image", magic: [[0xff, 0xd8, 0xff]] },
  "image/png": { words: "PNG image", magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  // A .docx is a ZIP container (PK\x03\x04).
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { words: "Word document (.docx)", magic: [[0x50, 0x4b, 0x03, 0x04]] },
  "text/plain": { words: "plain text", magic: null },
};

export type Problem = [field: string, code: string, message: string];

const accepted = () => Object.keys(DOCUMENT_TYPES).join(", ");

/** The bare media type ("application/pdf; charset=x" → "application/pdf"), lower-case. */
export const mediaType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

/** requestDocumentUpload's input: a type on the list, a size from 1 byte to the limit, a file name. */
export function checkUploadRequest(input: { fileName: string; contentType: string; sizeBytes: number }, maxBytes = MAX_DOCUMENT_BYTES): Problem[] {
  const problems: Problem[] = [];
  const name = input.fileName.trim();
  const control = [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (!name || name.length > 255 || control || /[/\\]/.test(name)) {
    problems.push(["input.fileName", "INVALID_FILE_NAME", "the file name must be 1–255 characters, without slashes or control characters"]);
  }
  if (!DOCUMENT_TYPES[mediaType(input.contentType)]) {
    problems.push(["input.contentType", "FORBIDDEN_CONTENT_TYPE", `files of type "${input.contentType}" are not accepted; accepted: ${accepted()}`]);
  }
  if (!Number.isInteger(input.sizeBytes) || input.sizeBytes < 1) {
    problems.push(["input.sizeBytes", "EMPTY_FILE", "the file must be at least 1 byte"]);
  } else if (input.sizeBytes > maxBytes) {
    problems.push(["input.sizeBytes", "FILE_TOO_LARGE", `the file is ${input.sizeBytes} bytes; the limit is ${maxBytes} bytes (${maxBytes / 1024 / 1024} MB)`]);
  }
  return problems;
}

/** Why the bytes sent to an upload URL are refused, with the HTTP status; null when they are fine. */
export interface Refusal {
  status: 413 | 415 | 400;
  code: string;
  message: string;
}

/**
 * The PUT's bytes against what was declared: no more than declared (nor the limit), sent with the
 * declared type, and starting the way that type's files do (a program renamed .pdf is refused).
 */
export function checkUploadedBytes(declared: { contentType: string; sizeBytes: number }, sentType: string | undefined, bytes: Uint8Array, maxBytes = MAX_DOCUMENT_BYTES): Refusal | null {
  if (bytes.length > declared.sizeBytes || bytes.length > maxBytes) {
    return { status: 413, code: "FILE_TOO_LARGE", message: `the file is larger than the ${Math.min(declared.sizeBytes, maxBytes)} bytes declared for this upload` };
  }
  if (bytes.length === 0) return { status: 400, code: "EMPTY_FILE", message: "the upload has no bytes" };
  const type = mediaType(declared.contentType);
  if (!sentType || mediaType(sentType) !== type) {
    return { status: 415, code: "CONTENT_TYPE_MISMATCH", message: `send the file with Content-Type: ${type}, as declared for this upload` };
  }
  if (!looksLike(type, bytes)) {
    return { status: 415, code: "CONTENT_DOES_NOT_MATCH_TYPE", message: `the file's content is not a ${DOCUMENT_TYPES[type]?.words ?? type}` };
  }
  return null;
}

/** Whether the first bytes are those of the type (text: valid UTF-8 without NUL bytes). */
export function looksLike(type: string, bytes: Uint8Array): boolean {
  const t = DOCUMENT_TYPES[type];
  if (!t) return false;
  if (t.magic === null) {
    if (bytes.includes(0)) return false;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  }
  return t.magic.some((m) => m.every((b, i) => bytes[i] === b));
}

/** Title of a document: 1–200 characters. */
export function checkTitle(title: string): Problem[] {
  const t = title.trim();
  return t && t.length <= 200 ? [] : [["input.title", "INVALID_TITLE", "the title must be 1–200 characters"]];
}

/** Content-Disposition for a download: the name made safe for the header (RFC 6266 / RFC 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
