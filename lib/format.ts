// How dates, times and numbers read on every page: UK English, UK time
// (fieldwork.md: calling hours and appointments are UK wall-clock times).
// One place, so a list and a detail page never show the same moment two ways.

const UK = "Europe/London";
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: UK });
const dateTimeSecondsFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: UK });
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: UK });
const longDateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: UK });
const weekdayDateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: UK,
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const appointmentFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: UK,
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: UK, hour: "2-digit", minute: "2-digit" });
const timeSecondsFormat = new Intl.DateTimeFormat("en-GB", { timeZone: UK, timeStyle: "medium" });
// a "YYYY-MM" month is a calendar month, not an instant: read it in UTC so no offset moves it
const monthFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });
// so is a "YYYY-MM-DD" day (a day of the fieldwork calendar)
const dayShortFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const dayLongFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** "3 Dec 2026, 15:30" */
export const formatDateTime = (d: Date): string => dateTimeFormat.format(d);
/** "3 Dec 2026, 15:30:07": audit trails and import logs, where the order within a minute matters */
export const formatDateTimeSeconds = (d: Date): string => dateTimeSecondsFormat.format(d);
/** "3 Dec 2026" */
export const formatDate = (d: Date): string => dateFormat.format(d);
/** "3 December 2026" */
export const formatLongDate = (d: Date): string => longDateFormat.format(d);
/** "Thu, 3 Dec 2026, 15:30": appointments and call attempts, where the weekday matters */
export const formatWeekdayDateTime = (d: Date): string => weekdayDateTimeFormat.format(d);
/** "Thu 3 Dec, 15:30": an appointment being booked (soon, so no year) */
export const formatAppointment = (d: Date): string => appointmentFormat.format(d);
/** "15:30" */
export const formatTime = (d: Date): string => timeFormat.format(d);
/** "15:30:07": "updated at" on pages that refresh themselves */
export const formatTimeSeconds = (d: Date): string => timeSecondsFormat.format(d);

/** "2019-04" -> "April 2019"; anything else is shown as given. */
export function formatMonth(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return month;
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

const isoDay = (day: string) => new Date(`${day}T00:00:00Z`);
/** "2026-12-03" -> "3 Dec" */
export const formatDayShort = (day: string): string => dayShortFormat.format(isoDay(day));
/** "2026-12-03" -> "3 Dec 2026" */
export const formatDay = (day: string): string => dayFormat.format(isoDay(day));
/** "2026-12-03" -> "Thursday, 3 December 2026" */
export const formatDayLong = (day: string): string => dayLongFormat.format(isoDay(day));

/** "12,345"; a missing count is a dash. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : n.toLocaleString("en-GB");
}

/** A proportion 0-1 as "42.5%"; a missing rate is a dash. */
export function formatPercent(r: number | null | undefined, decimals = 1): string {
  return r === null || r === undefined ? "–" : `${(r * 100).toFixed(decimals)}%`;
}

/** "1 row", "2 rows" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/**
 * An import (of a frame or of responses) as a page names it: its file's name,
 * or "Import N (no file name)" when it came without one (an API upload with no
 * X-File-Name, a name of spaces), so a link to it is never empty.
 */
export function importName(imp: { id: bigint | number | string; fileName: string }): string {
  return imp.fileName.trim() === "" ? `Import ${imp.id} (no file name)` : imp.fileName;
}

/** An import page's heading: "Import of FILE", or "Import N (no file name)". */
export function importHeading(imp: { id: bigint | number | string; fileName: string }): string {
  return imp.fileName.trim() === "" ? importName(imp) : `Import of ${imp.fileName}`;
}
