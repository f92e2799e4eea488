import { z } from "zod";
import { isPartialThreshold, type Answers, type QuestionnaireVersion } from "@/lib/questionnaire";

// The follow-up of online invitations (issue 13; fieldwork.md "Case lifecycle"):
// reminders to non-respondents, link expiry and the mixed-mode switch to the
// telephone queue. These are the only statements of those rules: the job
// (follow-up.ts) selects active invitations of unfinished cases and asks these
// functions which are due. Every number is a setting (Setting "cawi.followUp").

// A box left empty is "not a number", not 0.
const blankIsMissing = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);

export const followUpSettingsSchema = z
  .object({
    /** days after the invitation (or the previous reminder) before a reminder */
    reminderAfterDays: blankIsMissing(
      z.coerce
        .number({ error: "Enter the days before a reminder as a number" })
        .int("Enter whole days")
        .min(1, "Reminders need at least 1 day between them")
        .max(60, "Reminders can be at most 60 days apart"),
    ),
    /** reminders per invitation */
    maxReminders: blankIsMissing(
      z.coerce
        .number({ error: "Enter how many reminders as a number" })
        .int("Enter a whole number of reminders")
        .min(0, "Reminders cannot be fewer than 0")
        .max(5, "At most 5 reminders"),
    ),
    /** MIXED cases: days after the last reminder (the invitation, with no reminders) before the case joins the telephone queue */
    switchGraceDays: blankIsMissing(
      z.coerce
        .number({ error: "Enter the grace period as a number of days" })
        .int("Enter whole days")
        .min(0, "The grace period cannot be negative")
        .max(60, "The grace period can be at most 60 days"),
    ),
  })
  .strict();

export type FollowUpSettings = z.infer<typeof followUpSettingsSchema>;

// ours: two reminders a week apart, then a week's grace before the telephone
export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = { reminderAfterDays: 7, maxReminders: 2, switchGraceDays: 7 };

/** What the job knows of an active invitation of an unfinished case. */
export interface FollowUpCandidate {
  /** the sample's mode: only a MIXED sample's online cases move to the telephone */
  sampleMode: "ONLINE" | "MIXED" | "PHONE";
  /** the client has a telephone number to call */
  hasPhone: boolean;
  sentAt: Date;
  expiresAt: Date;
  remindersSent: number;
  lastReminderAt: Date | null;
  /** the case is in the telephone queue already (its mode is no longer ONLINE: switched) */
  inTelephoneQueue: boolean;
  /** the respondent began the questionnaire in a version asked online only (its wording is not for reading out) */
  onlineOnlyResponse: boolean;
}

const DAY = 24 * 3600 * 1000;
const lastContact = (c: FollowUpCandidate) => c.lastReminderAt ?? c.sentAt;

/** The link no longer works: the invitation is closed as EXPIRED. */
export function isExpired(c: Pick<FollowUpCandidate, "expiresAt">, now: Date): boolean {
  return c.expiresAt.getTime() <= now.getTime();
}

/**
 * A reminder is due to a non-respondent (the caller passes only unfinished cases
 * with an active invitation: completed, refused, withdrawn and closed-by-quota
 * cases never get one) whose link still works, with reminders left, the set
 * days after the last message, and not already in the telephone queue.
 */
export function isReminderDue(c: FollowUpCandidate, s: FollowUpSettings, now: Date): boolean {
  if (isExpired(c, now) || c.inTelephoneQueue) return false;
  if (c.remindersSent >= s.maxReminders) return false;
  return now.getTime() >= lastContact(c).getTime() + s.reminderAfterDays * DAY;
}

/**
 * An online case of a MIXED sample joins the telephone queue when the web
 * invitation got no response: all reminders sent and the grace period after
 * the last one over, or the link expired first. A client with no telephone
 * number stays online only, and so does a response begun in an online-only
 * version: an interviewer cannot continue it.
 */
export function isSwitchToTelephoneDue(c: FollowUpCandidate, s: FollowUpSettings, now: Date): boolean {
  if (c.sampleMode !== "MIXED" || c.inTelephoneQueue || !c.hasPhone || c.onlineOnlyResponse) return false;
  if (isExpired(c, now)) return true;
  if (c.remindersSent < s.maxReminders) return false;
  return now.getTime() >= lastContact(c).getTime() + s.switchGraceDays * DAY;
}

/** How far an online-only respondent got before the link expired. */
export interface ExpiryProgress {
  /** the link was opened or the letter's code typed */
  opened: boolean;
  /** at least one question answered (pages only read do not count) */
  answeredSomething: boolean;
  /** fieldwork.md: partial = at least the overall question answered */
  partialThresholdReached: boolean;
}

/** How far a response got: any question answered (pages only read do not count), and past the partial threshold. */
export function progressOf(state: { version: QuestionnaireVersion; answers: Answers }): Omit<ExpiryProgress, "opened"> {
  return {
    answeredSomething: Object.values(state.answers).some((a) => a.kind !== "seen"),
    partialThresholdReached: isPartialThreshold(state),
  };
}

/**
 * The final web disposition of an online-only case whose link expired
 * (fieldwork.md "Final dispositions", Web): 1.2 past the partial threshold,
 * 2.12 break-off below it, 3.112 logged on but answered nothing, 3.90 (unknown
 * eligibility) when the invitation was never opened.
 */
export function expiryDisposition(p: ExpiryProgress): "1.2" | "2.12" | "3.112" | "3.90" {
  if (p.partialThresholdReached) return "1.2";
  if (p.answeredSomething) return "2.12";
  return p.opened ? "3.112" : "3.90";
}

/** The settings' fields in the order the settings page shows them. */
export const FOLLOW_UP_FIELDS = ["reminderAfterDays", "maxReminders", "switchGraceDays"] as const satisfies readonly (keyof FollowUpSettings)[];
