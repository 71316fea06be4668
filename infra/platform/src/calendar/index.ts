export * from "./local-date";
export { isBankHoliday, projectedBankHolidays, easterSunday } from "./bank-holidays";
export * from "./working-days";
export * from "./due-dates";
