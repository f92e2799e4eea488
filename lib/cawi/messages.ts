import type { Screen } from "@/lib/questionnaire";

/**
 * The message shown again after a refused answer. The respondent's form posts
 * and is redirected (it works without JavaScript), so only the error's code
 * travels in the address; the words come from here, never from the address.
 */
export function onlineErrorMessage(screen: Screen, code: string): string {
  if (code === "REVISION_CONFLICT") return "Your answers were changed in another window. Check this answer and continue.";
  if (code === "EXCLUSIVE_OPTION") return "One of the answers you chose cannot be chosen with the others.";
  switch (screen.kind) {
    case "single":
    case "yesNo":
      return "Select an answer.";
    case "multiple":
      return "Select at least one answer.";
    case "rating":
      return `Select a number from ${screen.min} to ${screen.max}.`;
    case "text":
      return code === "TOO_LONG" ? `Your answer must be ${screen.maxLength} characters or fewer.` : "Enter an answer.";
    default:
      return "Check your answer and continue.";
  }
}
