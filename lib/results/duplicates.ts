// A respondent named twice in one file (the same survey and respondent_ref,
// interchange.md §2): the first row in the file stands, valid or not; each
// later row is an error naming the first's line. The rows are found by the
// database (db/import-responses.ts, db/first-load.ts); this is the rule.
import type { RowError } from "./response-csv";

/** One key's rows (`at`: file line); returns the later valid rows, which are not to be imported, and adds the errors. */
export function laterRows<T extends { at: number; ok: boolean }>(survey: string, respondentRef: string, rows: T[], errors: RowError[]): T[] {
  const sorted = [...rows].sort((a, b) => a.at - b.at);
  const drop: T[] = [];
  for (const r of sorted.slice(1)) {
    errors.push({
      line: r.at,
      column: "respondent_ref",
      message: `Duplicate respondent_ref ${respondentRef} for ${survey}: already on line ${sorted[0].at}`,
    });
    if (r.ok) drop.push(r);
  }
  return drop;
}
