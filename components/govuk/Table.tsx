import { useId, type ReactNode } from "react";

export interface Column<R> {
  header: ReactNode;
  cell: (row: R, index: number) => ReactNode;
  /** right-aligned, tabular figures */
  numeric?: boolean;
  /** this column names the row: <th scope="row"> */
  rowHeader?: boolean;
  /** extra classes on the header and cells (e.g. a GOV.UK width class) */
  className?: string;
}

interface TableProps<R> {
  /** says what the table holds; every table has one (WCAG 1.3.1) */
  caption: ReactNode;
  /** "s" | "m" | "l" for a visible caption; "hidden" when a heading above already says it */
  captionSize?: "s" | "m" | "l" | "hidden";
  columns: ReadonlyArray<Column<R> | false | null | undefined>;
  rows: readonly R[];
  rowKey: (row: R, index: number) => string | number;
  /** extra attributes on a row, such as a test id */
  rowProps?: (row: R, index: number) => Record<string, string | undefined>;
  /** rows after the body (totals) */
  foot?: ReactNode;
  /** smaller text, for tables with many columns */
  compact?: boolean;
  "data-testid"?: string;
}

/**
 * The scrollable box every wide table sits in: on a 320 px screen the table
 * scrolls inside it and the page never scrolls sideways (WCAG 1.4.10 Reflow).
 * It can take focus so that keyboard users can scroll it too.
 */
export function TableContainer({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="fw-table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

/** A GOV.UK table from a list of columns, in a scrollable container. */
export function Table<R>({ caption, captionSize = "m", columns, rows, rowKey, rowProps, foot, compact, "data-testid": testId }: TableProps<R>) {
  const captionId = useId();
  const cols = columns.filter((c): c is Column<R> => Boolean(c));
  const captionClass = captionSize === "hidden" ? "govuk-table__caption govuk-visually-hidden" : `govuk-table__caption govuk-table__caption--${captionSize}`;
  const cls = (base: string, c: Column<R>) => [base, c.numeric && `${base}--numeric`, c.className].filter(Boolean).join(" ");
  return (
    <TableContainer labelledBy={captionId}>
      <table className={`govuk-table${compact ? " fw-compact-table" : ""}`} data-testid={testId}>
        <caption className={captionClass} id={captionId}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {cols.map((c, i) => (
              <th key={i} scope="col" className={cls("govuk-table__header", c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r, ri) => (
            <tr key={rowKey(r, ri)} className="govuk-table__row" {...rowProps?.(r, ri)}>
              {cols.map((c, ci) =>
                c.rowHeader ? (
                  <th key={ci} scope="row" className={cls("govuk-table__header", c)}>
                    {c.cell(r, ri)}
                  </th>
                ) : (
                  <td key={ci} className={cls("govuk-table__cell", c)}>
                    {c.cell(r, ri)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot}
      </table>
    </TableContainer>
  );
}
