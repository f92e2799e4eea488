"use client";
import { useEffect, useRef } from "react";
import { ErrorSummary as GovukErrorSummary, type SummaryError } from "./govuk/ErrorSummary";

export type { SummaryError };

const PREFIX = "Error: ";

/**
 * The GOV.UK error summary for client-side forms (the GOV.UK error pattern):
 * while there are errors the page title starts "Error: " and the summary takes
 * focus when its errors change; each error links to its field.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (!key) return;
    ref.current?.focus();
    if (!document.title.startsWith(PREFIX)) document.title = `${PREFIX}${document.title}`;
    return () => {
      if (document.title.startsWith(PREFIX)) document.title = document.title.slice(PREFIX.length);
    };
  }, [key]);
  return <GovukErrorSummary errors={errors} ref={ref} />;
}
