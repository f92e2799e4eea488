// UK days and weeks for the control room ("today", "this week": Monday to Sunday, UK time).
import type { IsoDate } from "@/lib/cati/bank-holidays";
import { addUkDays, ukInstant, ukWallTime } from "@/lib/cati/calendar";
import { WEEKDAYS } from "@/lib/cati/settings";

export function ukDay(now: Date): { date: IsoDate; start: Date; end: Date } {
  const date = ukWallTime(now).date;
  return { date, start: ukInstant(date, 0), end: ukInstant(addUkDays(date, 1), 0) };
}

export function ukWeek(now: Date): { monday: IsoDate; start: Date; end: Date } {
  const wall = ukWallTime(now);
  const monday = addUkDays(wall.date, -WEEKDAYS.indexOf(wall.weekday));
  return { monday, start: ukInstant(monday, 0), end: ukInstant(addUkDays(monday, 7), 0) };
}

/** The Monday (UK) of the week an instant falls in. */
export const ukWeekOf = (instant: Date): IsoDate => ukWeek(instant).monday;
