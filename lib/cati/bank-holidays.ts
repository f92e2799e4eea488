// England and Wales bank holidays (fieldwork.md: no calling on bank holidays).
// Computed from the standing rules, with the one-off changes of 2013-2030 listed;
// a later one-off is added by an admin (settings.extraClosedDates).
// Source of the rules and one-offs: gov.uk/bank-holidays (Banking and Financial
// Dealings Act 1971 and royal proclamations).

/** A UK calendar date as "YYYY-MM-DD". */
export type IsoDate = string;

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Day of the week of a calendar date, 0 = Sunday (no time zone involved). */
function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function addDays(year: number, month: number, day: number, days: number): IsoDate {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function firstMonday(year: number, month: number): IsoDate {
  const offset = (8 - dayOfWeek(year, month, 1)) % 7;
  return isoDate(year, month, 1 + offset);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (dayOfWeek(year, month, last) + 6) % 7;
  return isoDate(year, month, last - offset);
}

/** Standing days a proclamation moved (the rule's date -> the day used instead). */
const MOVED: Record<IsoDate, IsoDate> = {
  "2020-05-04": "2020-05-08", // early May -> VE Day 75th anniversary
  "2022-05-30": "2022-06-02", // spring -> Platinum Jubilee
};

/** Extra one-off bank holidays. */
const ONE_OFF: readonly IsoDate[] = [
  "2022-06-03", // Platinum Jubilee
  "2022-09-19", // State Funeral of Queen Elizabeth II
  "2023-05-08", // Coronation of King Charles III
];

/** New Year, Christmas and Boxing Day with their substitute weekdays. */
function fixedDays(year: number): IsoDate[] {
  const newYear = dayOfWeek(year, 1, 1);
  const ny = newYear === 6 ? 3 : newYear === 0 ? 2 : 1;
  // Christmas on Sat -> Mon 27 (Boxing Tue 28); on Sun -> Tue 27 (Boxing Mon 26);
  // Boxing Day on Sat -> Mon 28.
  const xmas = dayOfWeek(year, 12, 25);
  const xmasDay = xmas === 6 || xmas === 0 ? 27 : 25;
  const boxing = dayOfWeek(year, 12, 26);
  const boxingDay = boxing === 6 || boxing === 0 ? 28 : 26;
  return [isoDate(year, 1, ny), isoDate(year, 12, xmasDay), isoDate(year, 12, boxingDay)];
}

const cache = new Map<number, readonly IsoDate[]>();

/** The bank holidays of a year, sorted. Exact for 2013-2030 (one-offs known to then). */
export function bankHolidays(year: number): readonly IsoDate[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = easterSunday(year);
  const standing = [
    ...fixedDays(year),
    addDays(year, easter.month, easter.day, -2), // Good Friday
    addDays(year, easter.month, easter.day, 1), // Easter Monday
    firstMonday(year, 5), // early May
    lastMonday(year, 5), // spring
    lastMonday(year, 8), // summer
  ].map((d) => MOVED[d] ?? d);
  const days = [...standing, ...ONE_OFF.filter((d) => d.startsWith(`${year}-`))].sort();
  cache.set(year, days);
  return days;
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidays(Number(date.slice(0, 4))).includes(date);
}

/**
 * Closed for calling: a bank holiday, or New Year's, Christmas or Boxing Day
 * itself when it falls on a Saturday and the bank holiday moved to the Monday
 * (ours: nobody is called on Christmas Day, whatever the substitute rule says).
 */
export function isPublicHolidayForCalling(date: IsoDate): boolean {
  return isBankHoliday(date) || ["01-01", "12-25", "12-26"].includes(date.slice(5));
}
