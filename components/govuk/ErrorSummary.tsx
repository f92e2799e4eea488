import type { Ref } from "react";
import type { SummaryError } from "@/lib/http/form-errors";

export type { SummaryError };

/**
 * GOV.UK error summary for server-rendered forms (no client code): put it first
 * in <main> and prefix the page title with "Error: ". With JavaScript, GOV.UK
 * Frontend's error-summary module moves focus to it; without, it is the first
 * thing read after the heading skip link. components/ErrorSummary.tsx wraps it
 * for react-hook-form pages, passing `ref` to move focus to it itself.
 */
export function ErrorSummary({ errors, title = "There is a problem", ref }: { errors: SummaryError[]; title?: string; ref?: Ref<HTMLDivElement> }) {
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={ref ? -1 : undefined}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
