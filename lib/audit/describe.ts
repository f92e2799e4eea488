// The audit log in words (issue 18): what each recorded action means to a
// person reading the log, and what it was done to.
import { OUTCOMES, type CallOutcome } from "@/lib/cati/outcomes";
import { DISPOSITIONS } from "@/lib/cati/dispositions";
import { WEB_OUTCOME_LABELS } from "@/lib/cawi/outcome-labels";

export type Details = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "");
const plural = (n: unknown, one: string, many: string) => `${text(n)} ${Number(n) === 1 ? one : many}`;

const DESCRIBE: Record<string, (d: Details) => string> = {
  "sign-in": (d) => `Signed in${d.method === "oidc" ? " through the identity provider" : ""}`,
  "sign-in.failed": (d) =>
    ({
      WRONG_PASSWORD: "Failed to sign in: wrong password",
      UNKNOWN_OR_INACTIVE: "Failed to sign in: unknown or deactivated account",
      TOO_MANY_ATTEMPTS: "Sign-in refused: too many attempts",
    })[text(d.why)] ?? "Failed to sign in",
  "access.denied": (d) => `Was refused ${text(d.path) || "a page"} (needs ${text(d.permission)})`,
  "user.created": (d) => `Added the user${d.role ? ` as ${text(d.role).toLowerCase()}` : ""}`,
  "user.deactivated": (d) => `Deactivated the user${d.sessionsEnded ? `, ending ${plural(d.sessionsEnded, "session", "sessions")}` : ""}`,
  "user.reactivated": () => "Reactivated the user",
  "user.updated": (d) =>
    [
      d.previousName ? `Renamed the user from ${text(d.previousName)} to ${text(d.name)}` : null,
      d.previousRole ? `Changed the role from ${text(d.previousRole).toLowerCase()} to ${text(d.role).toLowerCase()}` : null,
      Array.isArray(d.changed) && d.changed.includes("email") ? "Changed the email address" : null,
    ]
      .filter(Boolean)
      .join("; ") || "Changed the user",
  "user.password-reset": (d) => `Reset the user's password${d.sessionsEnded ? `, ending ${plural(d.sessionsEnded, "session", "sessions")}` : ""}`,
  "user.password-changed": (d) =>
    `Changed their own password${d.otherSessionsEnded ? `, ending ${plural(d.otherSessionsEnded, "other session", "other sessions")}` : ""}`,
  "user.role-changed": (d) => `Changed the user's role from ${text(d.from).toLowerCase()} to ${text(d.to).toLowerCase()}`,
  "case.phone_revealed": () => "Revealed the client's phone number",
  "frame.imported": (d) =>
    `Imported a sampling frame file${d.rows !== undefined ? `: ${plural(d.rows, "row", "rows")}` : ""}${d.rejected ? `, ${text(d.rejected)} rejected` : ""}`,
  "frame.import_rejected": () => "Sampling frame import refused (strict)",
  "frame.import_errors_downloaded": () => "Downloaded a frame import's rejected rows",
  "results.respondents_exported": (d) => `Downloaded the ${text(d.survey)} respondent file (${text(d.format)})`,
  "results.tables_exported": (d) => `Downloaded the ${text(d.survey)} published tables (${text(d.format)})`,
  "responses.imported": () => "Imported a responses file",
  "targets.saved": () => "Saved a set of population targets",
  "quota.set_up": () => "Set up the sample's quota cells",
  "quota.target_changed": (d) =>
    `Changed a quota cell's target${d.from !== undefined ? ` from ${text(d.from)}` : ""}${d.to !== undefined ? ` to ${text(d.to)}` : ""}`,
  "setting.changed": () => "Changed a setting",
  "personal-data.retention": (d) =>
    `Erased contact details past retention (${text(d.months)} months): ${plural(d.frameClients, "frame client", "frame clients")}, ${plural(d.outboxMessages, "outbox message", "outbox messages")}, ${plural(d.respondentExtras, "respondent's extra columns", "respondents' extra columns")}, ${plural(d.importErrors, "import error row", "import error rows")}`,
  "personal-data.erased-client": (d) => `Erased a client's contact details on request (${text(d.reason)}) and added them to the do-not-contact register`,
  "audit.pruned": (d) => `Deleted ${plural(d.deleted, "audit event", "audit events")} older than ${text(d.months)} months`,
  "do_not_contact.added": (d) => `Added a client to the do-not-contact register${d.reason ? ` (${text(d.reason)})` : ""}`,
  "do_not_contact.removed": () => "Removed a client from the do-not-contact register",
  "response.mode_switched": () => "Continued an online response by telephone",
  "audit.exported": () => "Downloaded the audit log",
  // issue 14: real-time feedback and service recovery
  "api_key.created": (d) => `Created an API key${d.name ? ` "${text(d.name)}"` : ""}${d.prefix ? ` (starts ${text(d.prefix)})` : ""}`,
  "api_key.revoked": () => "Revoked an API key",
  "api_key.used": (d) => `An API key was used${d.route ? ` on ${text(d.route)}` : ""}`,
  "api_key.refused": (d) =>
    `An API key was refused${d.route ? ` on ${text(d.route)}` : ""}: ${d.why === "REVOKED" ? "it was revoked" : d.why === "SCOPE" ? "it lacks the scope" : "not valid"}`,
  "contacts.imported": (d) =>
    `Imported a contacts file: ${plural(d.stored, "new contact", "new contacts")}${d.rejected ? `, ${text(d.rejected)} rejected` : ""}`,
  "feedback.requests_sent": (d) =>
    `Sent ${plural(d.asked, "feedback request", "feedback requests")}${d.excluded ? `, ${text(d.excluded)} contacts not asked` : ""}`,
  "follow_up.opened": (d) =>
    `Opened a follow-up (${[d.lowRating ? "low rating" : "", d.callBackAsked ? "call back asked" : ""].filter(Boolean).join(", ") || "feedback"})`,
  "follow_up.claimed": () => "Claimed a follow-up",
  "follow_up.released": () => "Released a follow-up back to the queue",
  "follow_up.phone_revealed": () => "Revealed the client's phone number for a follow-up",
  "follow_up.attempt": (d) => `Recorded a follow-up attempt${d.outcome ? `: ${text(d.outcome).toLowerCase().replace(/_/g, " ")}` : ""}`,
  "follow_up.closed": (d) =>
    `Closed a follow-up: ${({ RESOLVED: "resolved", COULD_NOT_RESOLVE: "could not resolve", COULD_NOT_REACH: "could not reach" } as Record<string, string>)[text(d.resolution)] ?? text(d.resolution)}`,
  "feedback.comments_exported": () => "Downloaded the real-time feedback comments (CSV)",
  "call.outcome": (d) => describeCallOutcome(text(d.outcome), text(d.disposition), d.mode === "ONLINE"),
};

export function describeCallOutcome(outcome: string, disposition: string, online: boolean): string {
  const label = OUTCOMES[outcome as CallOutcome]?.label ?? WEB_OUTCOME_LABELS[outcome] ?? sentence(outcome);
  const code = disposition
    ? ` (${disposition}${disposition in DISPOSITIONS ? `, ${DISPOSITIONS[disposition as keyof typeof DISPOSITIONS].label.toLowerCase()}` : ""})`
    : "";
  return `${online ? "Online" : "Call"} outcome: ${label}${code}`;
}

/** "case.released" -> "Case released": actions without their own wording still read as words. */
function sentence(code: string): string {
  const words = code
    .replace(/[._-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeAuditAction(action: string, details: Details): string {
  return (DESCRIBE[action] ?? (() => sentence(action)))(details);
}

/** Which kinds of thing an event can be about, in words. */
export const SUBJECT_TYPES = {
  User: "User",
  Sample: "Sample",
  SampleCase: "Case",
  FrameImport: "Frame import",
  ResponseImport: "Responses import",
  QuotaCell: "Quota cell",
  DoNotContactEntry: "Do-not-contact entry",
  Setting: "Setting",
  TargetSet: "Population targets",
  SurveyRespondent: "Survey results",
  Response: "Response",
  ApiKey: "API key",
  FollowUp: "Follow-up",
  FeedbackRequest: "Feedback request",
} as const;
export type SubjectType = keyof typeof SUBJECT_TYPES;
