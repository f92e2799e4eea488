import { addUkDays, ukInstant, ukWallTime } from "@/lib/cati/calendar";
import { clockMinutes } from "@/lib/cati/settings";
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR, isFeedbackBankHoliday } from "./bank-holidays";

// When a follow-up is due (issue 14): a number of working days after it opens,
// in working hours. Working days are Monday to Friday except England and Wales
// bank holidays (bank-holidays.ts); UK wall time, so BST needs no table.
//
// Ours: a follow-up opened within working hours on a working day is due at the
// same time of day N working days later (Friday 16:00 + 2 = Tuesday 16:00). One
// opened before the day starts counts from that morning's start; one opened after
// hours, at a weekend or on a bank holiday counts from the next working morning.

export interface WorkingHours {
  /** "09:00" */
  start: string;
  /** "17:00" */
  end: string;
}

export function isWorkingDay(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFeedbackBankHoliday(date);
}

function nextWorkingDay(date: string): string {
  let day = addUkDays(date, 1);
  while (!isWorkingDay(day)) day = addUkDays(day, 1);
  return day;
}

export function dueTime({ openedAt, workingDays, hours }: { openedAt: Date; workingDays: number; hours: WorkingHours }): Date {
  const wall = ukWallTime(openedAt);
  if (wall.year < BANK_HOLIDAYS_FIRST_YEAR || wall.year > BANK_HOLIDAYS_LAST_YEAR) {
    throw new RangeError(`No bank holiday list for ${wall.year}: add it to lib/feedback/bank-holidays.ts`);
  }
  const start = clockMinutes(hours.start);
  const end = clockMinutes(hours.end);
  let day = wall.date;
  let minute = wall.minuteOfDay;
  if (!isWorkingDay(day) || minute >= end) {
    day = nextWorkingDay(day);
    minute = start;
  } else if (minute < start) {
    minute = start;
  }
  for (let i = 0; i < workingDays; i++) day = nextWorkingDay(day);
  return ukInstant(day, minute);
}

/** Whether an instant is in working hours on a working day (the queue says "due today"). */
export function isWorkingTime(instant: Date, hours: WorkingHours): boolean {
  const wall = ukWallTime(instant);
  return isWorkingDay(wall.date) && wall.minuteOfDay >= clockMinutes(hours.start) && wall.minuteOfDay < clockMinutes(hours.end);
}
