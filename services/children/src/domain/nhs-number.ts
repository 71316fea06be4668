import { invalidInput } from "@caregraph/platform/graphql";

/**
 * An NHS number is 10 digits, the last a modulus 11 check digit (NHS Data Dictionary, "NHS
 * Number"): the first nine digits weighted 10 down to 2 and summed; 11 minus the remainder
 * after dividing by 11 is the check digit, 11 counting as 0 and 10 meaning the number is not valid.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  const sum = [...firstNine].reduce((total, d, i) => total + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

export const validNhsNumber = (digits: string): boolean => /^\d{10}$/.test(digits) && nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);

/** The number as stored: its 10 digits (spaces, as printed "943 476 5919", dropped); null when absent. */
export function checkNhsNumber(field: string, value: string | null | undefined): string | null {
  const digits = value?.replace(/[\s-]/g, "") ?? "";
  if (!digits) return null;
  if (!/^\d{10}$/.test(digits)) invalidInput(field, "NHS_NUMBER_FORMAT", "an NHS number is 10 digits");
  if (!validNhsNumber(digits)) invalidInput(field, "NHS_NUMBER_CHECK_DIGIT", "the last digit is not the modulus 11 check digit of the first nine; check the number");
  return digits;
}
