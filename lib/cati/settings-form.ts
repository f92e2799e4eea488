// The telephone settings page as a plain form, and back (one schema for the page
// and its server action). Field names are the settings' paths ("maxAttempts",
// "retryDelayMinutes.noAnswer", "callingHours.sat.start"); a day with neither a
// start nor an end is closed.
import { z } from "zod";
import { catiSettingsSchema, TIME_SLOTS, WEEKDAYS, type CatiSettings } from "./settings";

export const NUMBER_FIELDS = [
  "retryDelayMinutes.noAnswer",
  "retryDelayMinutes.busy",
  "retryDelayMinutes.answeringMachine",
  "retryDelayMinutes.breakOff",
  "unspecifiedAppointmentDelayDays",
  "maxMessagesLeft",
  "softRefusalConversionDelayDays",
  "softRefusalMaxConversions",
  "maxAttempts",
  "holdExpiryMinutes",
  ...TIME_SLOTS.map((s) => `slotWeights.${s}`),
] as const;

/** Every field of the page that holds text as typed (numbers, times, dates): what a form sent back with errors shows again. */
export const TEXT_FIELDS: readonly string[] = [
  ...NUMBER_FIELDS,
  ...WEEKDAYS.flatMap((d) => [`callingHours.${d}.start`, `callingHours.${d}.end`]),
  ...TIME_SLOTS.flatMap((t) => [`timeSlots.${t}.start`, `timeSlots.${t}.end`]),
  "extraClosedDates",
];

type FormValues = Record<string, string | string[] | undefined>;

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const num = (v: string | string[] | undefined) => (text(v) === "" ? undefined : Number(text(v)));

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let node = target;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** Form fields -> the settings object catiSettingsSchema checks. */
export function settingsFromForm(form: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of NUMBER_FIELDS) setPath(out, f, num(form[f]));
  for (const d of WEEKDAYS) {
    const start = text(form[`callingHours.${d}.start`]);
    const end = text(form[`callingHours.${d}.end`]);
    setPath(out, `callingHours.${d}`, start === "" && end === "" ? null : { start, end });
  }
  for (const s of TIME_SLOTS) setPath(out, `timeSlots.${s}`, { start: text(form[`timeSlots.${s}.start`]), end: text(form[`timeSlots.${s}.end`]) });
  out.closedOnBankHolidays = text(form.closedOnBankHolidays) === "true";
  out.extraClosedDates = text(form.extraClosedDates)
    .split(/[\s,]+/)
    .filter(Boolean);
  return out;
}

export const telephoneSettingsFormSchema = z.preprocess(
  (input) => {
    const form = input as FormValues;
    const ids = form.refusalConverterIds;
    return { settings: settingsFromForm(form), refusalConverterIds: ids === undefined ? [] : Array.isArray(ids) ? ids : [ids] };
  },
  z.object({ settings: catiSettingsSchema, refusalConverterIds: z.array(z.uuid()).max(1000) }),
);

/** The element id of a settings path (error summary links). */
export const fieldId = (path: string) => path.replace(/^settings\./, "").replaceAll(".", "-");

/** Current settings as form values. */
export function formFromSettings(s: CatiSettings): Record<string, string> {
  const out: Record<string, string> = {};
  const get = (path: string) => path.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], s);
  for (const f of NUMBER_FIELDS) out[f] = String(get(f));
  for (const d of WEEKDAYS) {
    const w = s.callingHours[d];
    out[`callingHours.${d}.start`] = w?.start ?? "";
    out[`callingHours.${d}.end`] = w?.end ?? "";
  }
  for (const t of TIME_SLOTS) {
    out[`timeSlots.${t}.start`] = s.timeSlots[t].start;
    out[`timeSlots.${t}.end`] = s.timeSlots[t].end;
  }
  out.extraClosedDates = s.extraClosedDates.join("\n");
  return out;
}
