// What the scheduler knows of a telephone case between attempts. The database
// keeps it beside the SampleCase row (a JSON column parsed with
// catiCaseStateSchema; attempts, disposition and nextCallAt mirrored into their
// own columns for the queue query).
import { z } from "zod";
import { DISPOSITIONS, NOT_ATTEMPTED, type DispositionCode } from "./dispositions";
import { TIME_SLOTS, type TimeSlot } from "./settings";

export const FINAL_REASONS = ["OUTCOME", "MAX_ATTEMPTS", "SOFT_REFUSAL_NOT_CONVERTED"] as const;
export type FinalReason = (typeof FINAL_REASONS)[number];

const dispositionCode = z.enum(Object.keys(DISPOSITIONS) as [DispositionCode, ...DispositionCode[]]);
const slotCounts = z.object({ morning: z.number().int().min(0), afternoon: z.number().int().min(0), evening: z.number().int().min(0) });

/** Parses the stored JSON form (dates as ISO strings) back into a state. */
export const catiCaseStateSchema = z.object({
  attempts: z.number().int().min(0),
  messagesLeft: z.number().int().min(0),
  /** Not before this instant (always inside calling hours); null = fresh (due now) or final. */
  nextCallAt: z.coerce.date().nullable(),
  /** A definite appointment, offered first to the interviewer who made it. */
  appointment: z.object({ at: z.coerce.date(), interviewerId: z.string().min(1) }).nullable(),
  /** A soft refusal awaits its conversion attempt: offer only to refusal converters. */
  refusalConversion: z.boolean(),
  softRefusals: z.number().int().min(0),
  /** A person at the number ever spoke to an interviewer (2.30 vs 3.90 at max attempts). */
  contactMade: z.boolean(),
  /** The furthest break-off: none, before the partial threshold (2.12), or a partial (1.2). */
  breakOff: z.enum(["none", "below-threshold", "partial"]),
  /** Attempts made in each time slot, for spreading retries. */
  slotAttempts: slotCounts,
  /** Current disposition: provisional while open, final once final. */
  disposition: dispositionCode,
  final: z.boolean(),
  finalReason: z.enum(FINAL_REASONS).nullable(),
});

export type CatiCaseState = z.output<typeof catiCaseStateSchema>;

export function freshCaseState(): CatiCaseState {
  return {
    attempts: 0,
    messagesLeft: 0,
    nextCallAt: null,
    appointment: null,
    refusalConversion: false,
    softRefusals: 0,
    contactMade: false,
    breakOff: "none",
    slotAttempts: Object.fromEntries(TIME_SLOTS.map((s) => [s, 0])) as Record<TimeSlot, number>,
    disposition: NOT_ATTEMPTED,
    final: false,
    finalReason: null,
  };
}
