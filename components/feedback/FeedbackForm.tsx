"use client";
import { useActionState } from "react";
import { submitFeedbackAction } from "@/app/feedback/actions";
import { ErrorSummary, Radios, Textarea } from "@/components/govuk";
import { rtcf1 } from "@/lib/questionnaire/versions/rtcf-1";

// RTCF-1's wording, from the questionnaire's data (lib/questionnaire/versions/rtcf-1.ts).
function screen(id: string) {
  const found = rtcf1.screens.find((s) => "id" in s && s.id === id);
  if (!found) throw new Error(`RTCF-1 has no screen ${id}`);
  return found as unknown as { text: string; minLabel?: string; maxLabel?: string; maxLength?: number };
}
const RATING = screen("RTCF_RATING");
const COMMENT = screen("RTCF_COMMENT");
const CALLBACK = screen("RTCF_CALLBACK");

const RATING_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({
  value: String(n),
  label: n === 1 ? `1 – ${RATING.minLabel}` : n === 5 ? `5 – ${RATING.maxLabel}` : String(n),
}));
const ORDER = ["rating", "comment", "callBack"] as const;

/** The three questions on one page, a plain form post (works without JavaScript). */
export function FeedbackForm() {
  const [state, action, pending] = useActionState(submitFeedbackAction, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} noValidate>
      <ErrorSummary errors={ORDER.filter((f) => errors[f]).map((f) => ({ field: f, message: errors[f]! }))} />
      {state?.busy && (
        <p className="govuk-error-message" role="alert">
          There have been too many attempts from your connection. Wait 10 minutes and try again.
        </p>
      )}
      <Radios
        id="rating"
        name="rating"
        legend={RATING.text}
        legendSize="m"
        options={RATING_OPTIONS}
        error={errors.rating}
        checked={state?.values.rating ? [state.values.rating] : []}
      />
      <Textarea
        id="comment"
        name="comment"
        label={COMMENT.text}
        error={errors.comment}
        defaultValue={state?.values.comment ?? ""}
        maxLength={COMMENT.maxLength}
      />
      <Radios
        id="callBack"
        name="callBack"
        legend={CALLBACK.text}
        legendSize="m"
        inline
        options={[
          { value: "YES", label: "Yes" },
          { value: "NO", label: "No" },
        ]}
        error={errors.callBack}
        checked={state?.values.callBack ? [state.values.callBack] : []}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
        Send your feedback
      </button>
    </form>
  );
}
