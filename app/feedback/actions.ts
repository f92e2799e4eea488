"use server";
import { redirect } from "next/navigation";
import { requestAddress } from "@/lib/cawi/session";
import { currentTime } from "@/lib/clock";
import { submitFeedback } from "@/lib/feedback/respondent";
import { currentFeedbackRequestId } from "@/lib/feedback/session";
import { formDataOf } from "@/lib/http/form-data";

export interface FeedbackFormState {
  fieldErrors: Record<string, string>;
  values: { rating: string; comment: string; callBack: string };
  busy?: boolean;
}

/** The rating page's post (a plain form: works without JavaScript). Errors come back with what was typed; success redirects. */
export async function submitFeedbackAction(_prev: FeedbackFormState | null, formData: FormData): Promise<FeedbackFormState> {
  const requestId = await currentFeedbackRequestId();
  if (!requestId) redirect("/feedback");
  const values = {
    rating: String(formDataOf(formData).get("rating") ?? ""),
    comment: String(formDataOf(formData).get("comment") ?? "").slice(0, 5000),
    callBack: String(formDataOf(formData).get("callBack") ?? ""),
  };
  const outcome = await submitFeedback({
    requestId,
    input: { rating: values.rating || undefined, comment: values.comment, callBack: values.callBack || undefined },
    ip: await requestAddress(),
    now: currentTime(),
  });
  switch (outcome.kind) {
    case "invalid":
      return { fieldErrors: outcome.fieldErrors, values };
    case "rate-limited":
      return { fieldErrors: {}, values, busy: true };
    case "saved":
      redirect(outcome.followUp ? "/feedback/thank-you?followUp=1" : "/feedback/thank-you");
    default:
      redirect("/feedback");
  }
}
