// Calling hours and slots are UK wall-clock times (Europe/London, calendar.ts).
// Every scheduling number of telephone fieldwork as a setting an admin can
// change (fieldwork.md: "defaults; every number is a setting"; issue 4: "All rule
// numbers are settings an admin can change"). Parsing `{}` gives the defaults;
// a partial object keeps the defaults for what it leaves out.
//
// Not here: the partial threshold (1.2 vs 2.12). It belongs to the questionnaire
// version (`settings.overallQuestionId`, lib/questionnaire/schema.ts) and reaches
// the scheduler as `partialThresholdReached` on a break-off.
import { z } from "zod";

export const TIME_SLOTS = ["morning", "afternoon", "evening"] as const;
export type TimeSlot = (typeof TIME_SLOTS)[number];

/** Monday first, as the calendar reads a week. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM, 24-hour UK time");
// At least 1: a retry at the very instant of the attempt would be offered again at once.
const minutes = (max: number) => z.number().int().min(1).max(max);
const DAY = 24 * 60;

/** Minutes after UK midnight of an "HH:MM" setting. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/** [start, end): the end minute is not inside. */
const window = z
  .object({ start: clock, end: clock })
  .strict()
  .refine((w) => clockMinutes(w.start) < clockMinutes(w.end), { message: "The end must be after the start" });
export type ClockWindow = z.infer<typeof window>;

const closed = z.null();
const day = (open: ClockWindow | null) => z.union([window, closed]).default(open);

const WEEKDAY_HOURS = { start: "09:00", end: "20:00" };

export const catiSettingsSchema = z
  .object({
    /** Minutes to wait before the next attempt (fieldwork.md table). */
    retryDelayMinutes: z
      .object({
        noAnswer: minutes(30 * DAY).default(180),
        busy: minutes(30 * DAY).default(30),
        answeringMachine: minutes(30 * DAY).default(180),
        // ours: a break-off is resumed no sooner than a no-answer retry
        breakOff: minutes(30 * DAY).default(180),
      })
      .strict()
      .prefault({}),
    /** "call back later": the next calling day, in another slot (fieldwork.md). */
    unspecifiedAppointmentDelayDays: z.number().int().min(1).max(30).default(1),
    /** fieldwork.md: at most 2 messages left per case. */
    maxMessagesLeft: z.number().int().min(0).max(20).default(2),
    /** fieldwork.md: a soft refusal may be retried once after 7 days. */
    softRefusalConversionDelayDays: z.number().int().min(1).max(90).default(7),
    softRefusalMaxConversions: z.number().int().min(0).max(5).default(1),
    /** fieldwork.md: 6, then final "max attempts reached". */
    maxAttempts: z.number().int().min(1).max(50).default(6),
    /** fieldwork.md: an abandoned hold expires after 30 minutes. */
    holdExpiryMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** UK time; null = no calling that day (fieldwork.md: no Sundays). */
    callingHours: z
      .object({
        mon: day(WEEKDAY_HOURS),
        tue: day(WEEKDAY_HOURS),
        wed: day(WEEKDAY_HOURS),
        thu: day(WEEKDAY_HOURS),
        fri: day(WEEKDAY_HOURS),
        sat: day({ start: "09:00", end: "13:00" }),
        sun: day(null),
      })
      .strict()
      .prefault({}),
    /** fieldwork.md: no calling on bank holidays (England and Wales, calendar.ts). */
    closedOnBankHolidays: z.boolean().default(true),
    /** One-off closed days an admin adds (a future special bank holiday), "YYYY-MM-DD". */
    extraClosedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
    /** Slot boundaries, UK time, [start, end) (ours; queXS call attempt time slots). */
    timeSlots: z
      .object({
        morning: window.default({ start: "09:00", end: "12:00" }),
        afternoon: window.default({ start: "12:00", end: "17:00" }),
        evening: window.default({ start: "17:00", end: "20:00" }),
      })
      .strict()
      .prefault({}),
    /**
     * Relative share of retries per slot (queXS: slot weights). A slot with weight
     * 2 gets twice the attempts of a slot with weight 1; 0 means never retry there.
     */
    slotWeights: z
      .object({
        morning: z.number().min(0).max(100).default(1),
        afternoon: z.number().min(0).max(100).default(1),
        evening: z.number().min(0).max(100).default(1),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (WEEKDAYS.every((d) => s.callingHours[d] === null)) {
      ctx.addIssue({ code: "custom", path: ["callingHours"], message: "At least one day needs calling hours" });
    }
    const ordered = TIME_SLOTS.map((slot) => s.timeSlots[slot]);
    for (let i = 1; i < ordered.length; i++) {
      if (clockMinutes(ordered[i].start) < clockMinutes(ordered[i - 1].end)) {
        ctx.addIssue({ code: "custom", path: ["timeSlots", TIME_SLOTS[i]], message: "Time slots must not overlap and must run morning, afternoon, evening" });
      }
    }
    if (TIME_SLOTS.every((slot) => s.slotWeights[slot] === 0)) {
      ctx.addIssue({ code: "custom", path: ["slotWeights"], message: "At least one slot needs a weight above 0" });
    }
  });

export type CatiSettingsInput = z.input<typeof catiSettingsSchema>;
export type CatiSettings = z.output<typeof catiSettingsSchema>;

export const DEFAULT_CATI_SETTINGS: CatiSettings = catiSettingsSchema.parse({});
