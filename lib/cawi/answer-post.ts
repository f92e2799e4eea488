import { answerFieldsFrom, type AnswerFields } from "@/lib/questionnaire";
import type { AnswerOutcome } from "./respondent";
import { answerPostSchema } from "./schemas";

// The respondent's answer post (app/survey/answer/route.ts): what the form sends,
// and where each outcome sends the browser next.

/** The posted page's fields, or null when the form was not one of ours (the respondent is sent back to where they stand). */
export function answerPostFromForm(
  form: FormData | null,
): { screenId: string; expectedRevision?: number; intent: "continue" | "save"; fields: AnswerFields } | null {
  if (!form) return null;
  const parsed = answerPostSchema.safeParse({
    screenId: form.get("screenId"),
    expectedRevision: form.get("expectedRevision") || undefined,
    intent: form.get("intent") || undefined,
  });
  if (!parsed.success) return null;
  return { ...parsed.data, fields: answerFieldsFrom(form) };
}

/** Where the browser goes after a posted page (a 303, so a reload never posts twice). */
export function answerTarget(outcome: AnswerOutcome): string {
  switch (outcome.kind) {
    case "next":
      return outcome.screenId ? `/survey?screen=${encodeURIComponent(outcome.screenId)}` : "/survey";
    case "error":
      return `/survey?screen=${encodeURIComponent(outcome.screenId)}&error=${encodeURIComponent(outcome.code)}`;
    case "saved":
      return "/survey/saved";
    case "completed":
      return "/survey/thank-you";
    case "quota-full":
      return "/survey";
    case "rate-limited":
      return "/survey/unavailable?reason=busy";
    case "unavailable":
      return "/survey/unavailable";
  }
}

/** A post whose Origin (when the browser sends one) is this site: the host the browser addressed (the proxy's X-Forwarded-Host, else Host). */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return origin !== "null" && new URL(origin).host === host;
  } catch {
    return false;
  }
}
