import { addDays, addMonths, ageOn, LocalDate } from "@caregraph/platform/calendar";

type Run = (query: string, input: Record<string, unknown>) => Promise<unknown>;

const RECORD = `mutation($input: RecordInformationSharingAgreementInput!) { recordInformationSharingAgreement(input: $input) { id } }`;

/**
 * Information-sharing agreements for the seeded caseload, so each partner agency's token
 * (`npm run partner:token -- --partner <name>`) is shown some children: the health trust half of
 * them, the school its pupils at Riverside Academy (school age, seed-record.ts), the police the
 * children with a missing episode (seed.ts). Six months from today, recorded by the social worker.
 */
export async function seedInformationSharing(run: Run, i: number, childId: string, dateOfBirth: LocalDate, today: LocalDate) {
  const age = ageOn(dateOfBirth, today);
  const share = (partner: string, purpose: string) =>
    run(RECORD, { childId, partner, startDate: today, endDate: addDays(addMonths(today, 6), -1), purpose: `Synthetic: ${purpose}` });
  if (i % 2 === 0) await share("northbrook-health", "initial and review health assessments by the looked-after children's health team");
  if (i % 3 === 1 && age >= 5 && age <= 15) await share("riverside-school", "personal education plan and attendance with the designated teacher");
  if (i % 6 === 3) await share("county-police", "missing episodes and return home interviews, under the joint missing protocol");
}
