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
  /** data attributes on each body cell of this column, such as the data-column a test reads a figure by */
  cellProps?: Readonly<Record<`data-${string}`, string>>;
  /** this column's cell in a last "total" row; the row is drawn when any column has one */
  total?: ReactNode;
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
export function Table<R>({ caption, captionSize = "m", columns, rows, rowKey, rowProps, compact, "data-testid": testId }: TableProps<R>) {
  const captionId = useId();
  const cols = columns.filter((c): c is Column<R> => Boolean(c));
  const captionClass = captionSize === "hidden" ? "govuk-table__caption govuk-visually-hidden" : `govuk-table__caption govuk-table__caption--${captionSize}`;
  const cls = (base: string, c: Column<R>) => [base, c.numeric && `${base}--numeric`, c.className].filter(Boolean).join(" ");
  const bodyCell = (c: Column<R>, key: number, content: ReactNode, props?: Column<R>["cellProps"]) =>
    c.rowHeader ? (
      <th key={key} scope="row" className={cls("govuk-table__header", c)} {...props}>
        {content}
      </th>
    ) : (
      <td key={key} className={cls("govuk-table__cell", c)} {...props}>
        {content}
      </td>
    );
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
              {cols.map((c, ci) => bodyCell(c, ci, c.cell(r, ri), c.cellProps))}
            </tr>
          ))}
          {cols.some((c) => c.total !== undefined) && <tr className="govuk-table__row">{cols.map((c, ci) => bodyCell(c, ci, c.total))}</tr>}
        </tbody>
      </table>
    </TableContainer>
  );
}
