// England and Wales bank holidays, 2026-2028, as published at gov.uk/bank-holidays
// (substitute days included: Boxing Day 2026 is a Saturday, so Monday 28
// December; Christmas and Boxing Day 2027 fall at the weekend, so 27 and 28
// December; New Year's Day 2028 is a Saturday, so Monday 3 January).
// Follow-up due times (working-time.ts) skip these days. A year past 2028 needs
// its list added here; dueTime refuses a date outside the list rather than guess.

export const BANK_HOLIDAYS_FIRST_YEAR = 2026;
export const BANK_HOLIDAYS_LAST_YEAR = 2028;

export const BANK_HOLIDAYS_ENGLAND_AND_WALES: readonly string[] = [
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
  "2028-01-03",
  "2028-04-14",
  "2028-04-17",
  "2028-05-01",
  "2028-05-29",
  "2028-08-28",
  "2028-12-25",
  "2028-12-26",
];

const SET = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES);

export function isFeedbackBankHoliday(date: string): boolean {
  return SET.has(date);
}
