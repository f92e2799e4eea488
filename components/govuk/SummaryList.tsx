import type { ReactNode } from "react";

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  /** a link or button to change this row */
  action?: ReactNode;
  /** data attributes on the value, such as the test id a test reads the figure by */
  valueProps?: Readonly<Record<`data-${string}`, string>>;
}

/** GOV.UK summary list: key-value pairs about one thing (a case, an import, a sample). Rows that are false/null are left out. */
export function SummaryList({
  rows,
  noBorder,
  className,
  "data-testid": testId,
}: {
  rows: ReadonlyArray<SummaryRow | false | null | undefined>;
  noBorder?: boolean;
  className?: string;
  "data-testid"?: string;
}) {
  const shown = rows.filter((r): r is SummaryRow => Boolean(r));
  const anyAction = shown.some((r) => r.action);
  return (
    <dl className={["govuk-summary-list", noBorder && "govuk-summary-list--no-border", className].filter(Boolean).join(" ")} data-testid={testId}>
      {shown.map((r, i) => (
        <div key={i} className={`govuk-summary-list__row${anyAction && !r.action ? " govuk-summary-list__row--no-actions" : ""}`}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value" {...r.valueProps}>
            {r.value}
          </dd>
          {r.action && <dd className="govuk-summary-list__actions">{r.action}</dd>}
        </div>
      ))}
    </dl>
  );
}
