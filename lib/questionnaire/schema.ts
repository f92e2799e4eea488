import { z } from "zod";
import { conditionSchema, SCREEN_ID } from "./conditions";
import { monthSchema } from "./attributes";
import { validateVersion } from "./validate-version";

// A questionnaire version as data (questionnaires.md: "Questionnaires are
// versioned data, not code"). Parsing a version also runs the static checks in
// validate-version.ts: routing only looks back, fills are known, codes consistent.

export const SURVEYS = ["CMS", "OPTIONS", "CES", "RTCF"] as const;
export const surveySchema = z.enum(SURVEYS);
export type Survey = z.infer<typeof surveySchema>;

export const MODES = ["PHONE", "ONLINE"] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

/** Answer codes: interchange.md §2 (VERY_SATISFIED, STRONGLY_AGREE, DK, NA, 16-24, 55+ ...). */
export const ANSWER_CODE = /^[A-Z0-9][A-Z0-9_+-]*$/;

const screenId = z.string().regex(SCREEN_ID, "expected an id like CES_SAT");
const text = z.string().trim().min(1);

/**
 * DONT_KNOW and NOT_APPLICABLE options are left out of analysis bases
 * (methodology.md); REFUSED marks an explicit "Prefer not to say".
 */
export const optionSpecialSchema = z.enum(["DONT_KNOW", "NOT_APPLICABLE", "REFUSED"]);
export type OptionSpecial = z.infer<typeof optionSpecialSchema>;

export const optionSchema = z
  .object({
    code: z.string().regex(ANSWER_CODE, "expected an answer code like VERY_SATISFIED"),
    /** read aloud / shown, exactly as the seed words it */
    label: text,
    special: optionSpecialSchema.optional(),
  })
  .strict();
export type Option = z.infer<typeof optionSchema>;

const screenBase = {
  id: screenId,
  /** routing: when absent the screen is asked of everyone (conditions.ts) */
  askedOf: conditionSchema.optional(),
  /** for the interviewer only, never read out or shown to a respondent */
  interviewerInstruction: text.optional(),
};

const questionBase = {
  ...screenBase,
  /** read aloud by the interviewer / shown to the respondent; may hold {{fills}} */
  text,
  /** a block's stem shown before each of its statements, e.g. "The case worker..." */
  blockIntro: text.optional(),
};

export const infoScreenSchema = z
  .object({ kind: z.literal("info"), role: z.enum(["INTRODUCTION", "CONFIDENTIALITY", "THANK_YOU"]), ...screenBase, text })
  .strict();

export const singleChoiceSchema = z
  .object({
    kind: z.literal("single"),
    ...questionBase,
    options: z.array(optionSchema).min(2),
    /** codes counted as positive in the reported measure, e.g. very satisfied + satisfied */
    positiveCodes: z.array(z.string()).min(1).optional(),
  })
  .strict();

export const yesNoSchema = z.object({ kind: z.literal("yesNo"), ...questionBase, positiveCodes: z.array(z.string()).min(1).optional() }).strict();

export const ratingSchema = z
  .object({
    kind: z.literal("rating"),
    ...questionBase,
    min: z.number().int().min(0),
    max: z.number().int(),
    minLabel: text.optional(),
    maxLabel: text.optional(),
  })
  .strict();

export const multipleChoiceSchema = z.object({ kind: z.literal("multiple"), ...questionBase, options: z.array(optionSchema).min(2) }).strict();

export const freeTextSchema = z
  .object({
    kind: z.literal("text"),
    ...questionBase,
    maxLength: z.number().int().min(1).max(10_000),
    /** an optional comment may be left empty (RTCF: "an optional free-text comment") */
    optional: z.boolean().default(false),
  })
  .strict();

export const screenSchema = z.discriminatedUnion("kind", [
  infoScreenSchema,
  singleChoiceSchema,
  yesNoSchema,
  ratingSchema,
  multipleChoiceSchema,
  freeTextSchema,
]);

export const settingsSchema = z
  .object({
    modes: z.array(modeSchema).min(1),
    /** fieldwork.md: partial (1.2) = at least this question answered */
    overallQuestionId: screenId,
    /** methodology.md: an Options 1-10 rating at or above this counts as positive */
    positiveRatingThreshold: z.number().int().optional(),
    /** RTCF: answers that open a follow-up for a colleague (seed 003) */
    followUpWhen: conditionSchema.optional(),
  })
  .strict();

const versionObjectSchema = z
  .object({
    id: z.string().regex(/^[A-Z]+-[0-9A-Z]+$/, "expected a version id like CMS-2015"),
    survey: surveySchema,
    title: text,
    /** contact months this version was in use for (informational; the version a response used is stored with it) */
    inUse: z.object({ fromContactMonth: monthSchema, toContactMonth: monthSchema.optional() }).strict().optional(),
    settings: settingsSchema,
    screens: z.array(screenSchema).min(3),
  })
  .strict();

export const questionnaireVersionSchema = versionObjectSchema.superRefine(validateVersion);

export type InfoScreen = z.infer<typeof infoScreenSchema>;
export type SingleChoiceQuestion = z.infer<typeof singleChoiceSchema>;
export type YesNoQuestion = z.infer<typeof yesNoSchema>;
export type RatingQuestion = z.infer<typeof ratingSchema>;
export type MultipleChoiceQuestion = z.infer<typeof multipleChoiceSchema>;
export type FreeTextQuestion = z.infer<typeof freeTextSchema>;
export type Screen = z.infer<typeof screenSchema>;
export type Question = Exclude<Screen, InfoScreen>;
export type QuestionKind = Question["kind"];
export type VersionSettings = z.infer<typeof settingsSchema>;
export type QuestionnaireVersion = z.infer<typeof versionObjectSchema>;
/** What a version file is written as (defaults not yet applied). */
export type QuestionnaireVersionInput = z.input<typeof questionnaireVersionSchema>;

export function isQuestion(screen: Screen): screen is Question {
  return screen.kind !== "info";
}
