import { setClock } from "@caregraph/platform/clock";
import { installFieldKeyring, keyringFromEnv, parseKeyring, rotateAll } from "@caregraph/platform/crypto";
import { clearTextOutsideColumns, markedColumnsVia } from "@caregraph/platform/testing";
import { randomBytes } from "node:crypto";
import { ENCRYPTED } from "../src/encrypted-fields";
import { DETAILS, harness } from "./support";

/** UK GDPR (issue 11): the child's immigration details are sealed before they reach the database. */
const h = harness();
const REP = "Synthetic: A. Adviser, Example Immigration Law";
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));
afterEach(() => installFieldKeyring(keyringFromEnv({})));

const raw = async (childId: string) =>
  (await h.db().$queryRawUnsafe<{ ref: string | null; rep: string | null; language: string | null }[]>(
    `SELECT home_office_reference AS ref, legal_representative AS rep, interpreter_language AS language FROM uasc.uasc_record WHERE child_id = $1::uuid`,
    childId,
  ))[0]!;

it("the declared encrypted columns are the ones the migrations mark for keys:rotate", async () => {
  const declared = Object.values(ENCRYPTED).map(({ schema, table, column, idColumn }) => ({ schema, table, column, idColumn }));
  expect(await markedColumnsVia(h.db(), "uasc")).toEqual(declared.sort((a, b) => a.column.localeCompare(b.column)));
});

it("the Home Office reference and the legal representative are ciphertext in the database, clear text through GraphQL, and in no event or audit entry", async () => {
  const id = await h.child();
  const written = await h.mutate(DETAILS, { childId: id, homeOfficeReference: "k 123 4567", legalRepresentative: REP, interpreterLanguage: "Dari" });
  expect(written.data).toEqual({ homeOfficeReference: "K1234567", legalRepresentative: REP, interpreterLanguage: "Dari" });
  const stored = await raw(id);
  expect(stored.ref).toMatch(/^enc:v1:dev:/);
  expect(stored.rep).toMatch(/^enc:v1:dev:/);
  expect(JSON.stringify(stored)).not.toMatch(/K1234567|Adviser/);
  expect(await h.uascOf(id, "homeOfficeReference legalRepresentative")).toEqual({ homeOfficeReference: "K1234567", legalRepresentative: REP });
  expect(await clearTextOutsideColumns(h.db(), "uasc", ["K1234567", REP])).toEqual([]);
  // Cleared stays cleared (null is not sealed).
  await h.mutate(DETAILS, { childId: id, legalRepresentative: null });
  expect((await raw(id)).rep).toBeNull();
});

it("a reference copied to another child's record does not open there", async () => {
  const [a, b] = [await h.child(), await h.child()];
  await h.mutate(DETAILS, { childId: a, homeOfficeReference: "B1234567" });
  await h.mutate(DETAILS, { childId: b, homeOfficeReference: "B7654321" });
  await h.db().$executeRawUnsafe(
    `UPDATE uasc.uasc_record SET home_office_reference = (SELECT home_office_reference FROM uasc.uasc_record WHERE child_id = $1::uuid) WHERE child_id = $2::uuid`,
    a,
    b,
  );
  await expect(h.uascOf(b, "homeOfficeReference")).rejects.toThrow(/INTERNAL_SERVER_ERROR/);
  expect(await h.uascOf(a, "homeOfficeReference")).toEqual({ homeOfficeReference: "B1234567" });
});

it("keys:rotate: written with key A, keys B,A → every row re-sealed with B (legacy clear rows too), still read; then B alone reads", async () => {
  const key = () => randomBytes(32).toString("base64");
  const [A, B] = [key(), key()];
  await h.db().$executeRawUnsafe(`UPDATE uasc.uasc_record SET home_office_reference = NULL, legal_representative = NULL`); // only this test's values
  installFieldKeyring(parseKeyring(`a:${A}`));
  const id = await h.child();
  await h.mutate(DETAILS, { childId: id, homeOfficeReference: "B1112223", legalRepresentative: REP });
  const legacy = await h.child();
  await h.mutate(DETAILS, { childId: legacy, interpreterLanguage: "Pashto" });
  await h.db().$executeRawUnsafe(`UPDATE uasc.uasc_record SET home_office_reference = 'C9998887' WHERE child_id = $1::uuid`, legacy);
  expect((await raw(id)).ref).toMatch(/^enc:v1:a:/);

  const ringBA = parseKeyring(`b:${B},a:${A}`);
  installFieldKeyring(ringBA);
  const reports = await rotateAll({ url: h.env.svc.databaseUrl }, ringBA);
  expect(reports.map((r) => [r.column, r.resealed, r.wereClear, r.unreadable])).toEqual([
    ["uasc.uasc_record.home_office_reference", 2, 1, 0],
    ["uasc.uasc_record.legal_representative", 1, 0, 0],
  ]);
  const keyIds = await h.db().$queryRawUnsafe<{ k: string }[]>(
    `SELECT split_part(home_office_reference, ':', 3) AS k FROM uasc.uasc_record WHERE home_office_reference IS NOT NULL
     UNION SELECT split_part(legal_representative, ':', 3) FROM uasc.uasc_record WHERE legal_representative IS NOT NULL`,
  );
  expect(keyIds.map((r) => r.k)).toEqual(["b"]);

  installFieldKeyring(parseKeyring(`b:${B}`));
  expect(await h.uascOf(id, "homeOfficeReference legalRepresentative")).toEqual({ homeOfficeReference: "B1112223", legalRepresentative: REP });
  expect(await h.uascOf(legacy, "homeOfficeReference")).toEqual({ homeOfficeReference: "C9998887" });
});
