// Calling hours in UK time (fieldwork.md: Mon-Fri 09:00-20:00, Sat 09:00-13:00,
// no Sundays or bank holidays; "a case is never offered outside calling hours").
// Instants are Date (UTC); UK wall time comes from Intl with Europe/London, so
// BST/GMT changes need no table.
import { isPublicHolidayForCalling, isoDate, type IsoDate } from "./bank-holidays";
import { clockMinutes, DEFAULT_CATI_SETTINGS, TIME_SLOTS, WEEKDAYS, type CatiSettings, type ClockWindow, type TimeSlot, type Weekday } from "./settings";

export interface UkWallTime {
  date: IsoDate;
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
  /** Minutes after UK midnight, with seconds as a fraction. */
  minuteOfDay: number;
}

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export function ukWallTime(instant: Date): UkWallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const { year, month, day } = parts;
  const ms = instant.getTime() % 1000;
  const sunday0 = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return {
    date: isoDate(year, month, day),
    year,
    month,
    day,
    weekday: WEEKDAYS[(sunday0 + 6) % 7],
    minuteOfDay: parts.hour * 60 + parts.minute + (parts.second + (ms < 0 ? ms + 1000 : ms) / 1000) / 60,
  };
}

/**
 * The instant of a UK wall time. A time the clocks skip (01:xx on the last Sunday
 * of March) resolves to the hour after; a repeated one (October) to the first.
 */
export function ukInstant(date: IsoDate, minuteOfDay: number): Date {
  const [y, m, d] = date.split("-").map(Number);
  const asUtc = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  // UK is UTC+0 or UTC+1: try both offsets, keep the first that reads back right.
  for (const offsetMinutes of [60, 0]) {
    const candidate = new Date(asUtc - offsetMinutes * 60_000);
    const wall = ukWallTime(candidate);
    if (wall.date === date && Math.abs(wall.minuteOfDay - minuteOfDay) < 1e-6) return candidate;
  }
  return new Date(asUtc);
}

/** Calling window of a UK date, or null when closed (weekday rule, bank holiday, admin's closed day). */
export function callingWindow(date: IsoDate, settings: CatiSettings = DEFAULT_CATI_SETTINGS): ClockWindow | null {
  const [y, m, d] = date.split("-").map(Number);
  const weekday = WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
  if (settings.closedOnBankHolidays && isPublicHolidayForCalling(date)) return null;
  if (settings.extraClosedDates.includes(date)) return null;
  return settings.callingHours[weekday];
}

export function isWithinCallingHours(instant: Date, settings: CatiSettings = DEFAULT_CATI_SETTINGS): boolean {
  const wall = ukWallTime(instant);
  const open = callingWindow(wall.date, settings);
  return open !== null && wall.minuteOfDay >= clockMinutes(open.start) && wall.minuteOfDay < clockMinutes(open.end);
}

/** The UK date `days` after a UK date. */
export function addUkDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** Longest run of closed days we search over (Christmas + weekend is 4-5 days). */
const SEARCH_DAYS = 60;

/**
 * The instant itself when inside calling hours, else the start of the next
 * calling window. Optionally only inside one time slot.
 */
export function nextCallingTime(instant: Date, settings: CatiSettings = DEFAULT_CATI_SETTINGS, slot?: TimeSlot): Date {
  const found = nextTimeIn(instant, settings, slot);
  if (!found) throw new Error(`No calling time within ${SEARCH_DAYS} days of ${instant.toISOString()}; check the calling hours settings`);
  return found;
}

/** Like nextCallingTime, or null when the slot never meets the calling hours in the search horizon. */
export function nextTimeIn(instant: Date, settings: CatiSettings, slot?: TimeSlot): Date | null {
  const wall = ukWallTime(instant);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const date = addUkDays(wall.date, i);
    const open = callingWindow(date, settings);
    if (!open) continue;
    let start = clockMinutes(open.start);
    let end = clockMinutes(open.end);
    if (slot) {
      start = Math.max(start, clockMinutes(settings.timeSlots[slot].start));
      end = Math.min(end, clockMinutes(settings.timeSlots[slot].end));
    }
    if (start >= end) continue;
    if (i > 0 || wall.minuteOfDay < start) return ukInstant(date, start);
    if (wall.minuteOfDay < end) return instant;
  }
  return null;
}

/** The slot whose UK-time boundaries hold the instant, or null outside every slot. */
export function timeSlotOf(instant: Date, settings: CatiSettings = DEFAULT_CATI_SETTINGS): TimeSlot | null {
  const minute = ukWallTime(instant).minuteOfDay;
  return TIME_SLOTS.find((s) => minute >= clockMinutes(settings.timeSlots[s].start) && minute < clockMinutes(settings.timeSlots[s].end)) ?? null;
}
