"use client";
import { useEffect, useRef } from "react";

export interface SummaryError {
  field?: string;
  message: string;
}

/** GOV.UK error summary: takes focus when shown, each error links to its field. */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
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
