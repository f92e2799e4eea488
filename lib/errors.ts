/**
 * Expected failures: a code a form can map to a field, and a message a person
 * can act on. Anything else is unexpected, logged with an id, and shown as a
 * generic message.
 */
// Every expected failure's code, in one list so a form's mapping of codes to
// fields is checked by the compiler. A domain's own union (AnswerErrorCode,
// ScheduleErrorCode, AnalysisErrorCode, allocation errors) must stay inside it.
export const APP_ERROR_CODES = [
  // the control room (issue 15)
  "NOT_AN_INTERVIEWER",
  "NO_APPOINTMENT",
  "OUT_REQUIRED",
  "UNKNOWN_DISPOSITION",
  "ALREADY_ON_REGISTER",
  "APPOINTMENT_IN_PAST",
  "APPOINTMENT_OUTSIDE_CALLING_HOURS",
  "APPOINTMENT_TIME_REQUIRED",
  "CASE_FINAL",
  "CASE_HAS_RESPONSE",
  "CASE_NOT_FOUND",
  "CASE_NOT_HELD",
  "DRAW_RESTRICTED",
  "EMAIL_TAKEN",
  "EMPTY",
  "EMPTY_MONTH",
  "EMPTY_QUARTER",
  "EMPTY_TARGET_CATEGORY",
  "EXCLUSIVE_OPTION",
  "FILE_NOT_FOUND",
  "FRAME_REJECTED",
  "INVALID",
  "INVALID_FIXED_SIZE",
  "INVALID_MINIMUM",
  "INVALID_OPTIONS",
  "INVALID_REQUEST",
  "INVALID_SIZE",
  "INVALID_TARGET",
  "INVALID_TARGETS",
  "INVALID_WEIGHT",
  "MARGIN_TOTALS_DIFFER",
  "MESSAGE_LIMIT_REACHED",
  "MINIMUM_EXCEEDS_SIZE",
  "MISSING_CATEGORY",
  "NOT_AN_INTEGER",
  "NOT_FOUND",
  "NOT_ON_REGISTER",
  "NO_DATA",
  "NO_INTERVIEW",
  "NO_PHONE",
  "NO_QUESTIONNAIRE",
  "NO_RESPONDENTS",
  "NO_SAMPLE_TO_TOP_UP",
  "NO_SELECTION",
  "NO_THRESHOLD",
  "OFF_ROUTE",
  "ONLINE_ONLY_RESPONSE",
  "OUT_OF_RANGE",
  "QUOTA_CELL_NOT_FOUND",
  "RAKING_NOT_CONVERGED",
  "RESPONSES_REJECTED",
  "RESPONSE_COMPLETE",
  "RESPONSE_NOT_FOUND",
  "REVISION_CONFLICT",
  "SAMPLE_EXISTS",
  "SAMPLE_NOT_FOUND",
  "SELF_DEACTIVATION",
  "SELF_ROLE_CHANGE",
  "SEPARATION",
  "SINGULAR_MATRIX",
  "TARGETS_REQUIRED",
  "TOO_LONG",
  "UNKNOWN_COLUMN",
  "UNKNOWN_MEASURE",
  "UNKNOWN_OPTION",
  "UNKNOWN_SCREEN",
  "UNKNOWN_TARGET_SET",
  "UNKNOWN_VALUE",
  "UNKNOWN_VERSION",
  "UNTARGETED_CATEGORY",
  "USAGE",
  "VERSION_CHANGED",
  "VERSION_RETIRED",
  "WRONG_KIND",
  "WRONG_MODE",
  "WRONG_PASSWORD",
  "WRONG_STATISTIC",
  "WRONG_TARGETS_FOR_METHOD",
  // real-time feedback (issue 14)
  "FOLLOW_UP_CLOSED",
  "FOLLOW_UP_NOT_FOUND",
  "FOLLOW_UP_CLAIMED_BY_OTHER",
  "FOLLOW_UP_NOT_CLAIMED",
  "CONTACTS_REJECTED",
  // issue 17: personal-data rotate-key with PERSONAL_DATA_KEY set and no --new-key-file
  "NEW_KEY_NEEDED",
] as const;

/** The code of an expected failure; a form maps it to a field or a message. Add new ones here. */
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; code: AppErrorCode | "UNEXPECTED"; message: string; fieldErrors?: Record<string, string>; errorId?: string };
