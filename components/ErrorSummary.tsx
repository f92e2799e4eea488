"use client";
import { useEffect, useRef } from "react";
import { ErrorSummary as GovukErrorSummary, type SummaryError } from "./govuk/ErrorSummary";

export type { SummaryError };

/** The GOV.UK error summary for client-side forms: takes focus when its errors change; each error links to its field. */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  return <GovukErrorSummary errors={errors} ref={ref} />;
}
