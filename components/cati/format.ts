// Dates and times on the telephone pages: always UK time (fieldwork.md).
const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const time = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
const monthYear = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

export const formatUkDateTime = (d: Date) => dateTime.format(d);
export const formatUkTime = (d: Date) => time.format(d);
/** "2019-04" -> "April 2019" */
export const formatMonth = (month: string) => monthYear.format(new Date(`${month}-01T00:00:00Z`));
export const formatRate = (r: number | null) => (r === null ? "–" : `${(r * 100).toFixed(1)}%`);
