// Reporting periods. A respondent's month is its period month (README "Periods":
// the contact month its sample drew, or an imported respondent's interview month).
// Quarters follow the CMS reports' "quarter ending" (Dec-Feb, Mar-May, Jun-Aug,
// Sep-Nov), so the May 2015 scale change (methodology.md: 4-point from the
// quarter ending May 2015) starts a quarter. Labels sort in time order.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2015-05-12" -> "2015-05" */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * "2015-03-02" -> "2015-05" (the month the quarter ends), as a sortable key.
 * CES reports by financial-year quarters (issue 18): "2023-04-12" -> "2023/24 Q1".
 */
export function reportingQuarter(date: string, survey?: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)); // 1..12
  if (survey === "CES") {
    // April to June is Q1 of the financial year that starts in April.
    const start = m >= 4 ? y : y - 1;
    return `${start}/${String((start + 1) % 100).padStart(2, "0")} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
  }
  // Ends: Feb(2), May(5), Aug(8), Nov(11); December belongs to the quarter ending next February.
  const endMonth = m === 12 ? 2 : Math.ceil((m + 1) / 3) * 3 - 1;
  const endYear = m === 12 ? y + 1 : y;
  return `${endYear}-${String(endMonth).padStart(2, "0")}`;
}

const FINANCIAL_QUARTER = /^(\d{4})\/(\d{2}) Q([1-4])$/;
const FY_QUARTER_MONTHS = ["April to June", "July to September", "October to December", "January to March"];

/** "2015-05" as a quarter key -> "Quarter ending May 2015"; "2023/24 Q1" -> "2023/24 Q1 (April to June 2023)"; as a month -> "May 2015". */
export function periodLabel(key: string, kind: "month" | "quarter"): string {
  const fy = FINANCIAL_QUARTER.exec(key);
  if (kind === "quarter" && fy) {
    const q = Number(fy[3]);
    return `${key} (${FY_QUARTER_MONTHS[q - 1]} ${q === 4 ? Number(fy[1]) + 1 : fy[1]})`;
  }
  const label = `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
  return kind === "quarter" ? `Quarter ending ${label}` : label;
}

/** Period months (or dates) in [from-month start, to-month end]. */
export function periodBounds(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const out: { gte?: Date; lt?: Date } = {};
  if (from) out.gte = new Date(`${from}-01T00:00:00Z`);
  if (to) {
    const [y, m] = to.split("-").map(Number);
    out.lt = new Date(Date.UTC(y, m, 1));
  }
  return out;
}

/**
 * The contact month a sampled case stands for (issue 18): a monthly sample's
 * month, whenever the interview happened (a January sample's completes are
 * January's); for a quarterly sample (CES) the client's contact month when it
 * lies in the quarter, else the quarter's first month.
 */
export function sampleContactMonth(sample: { readonly period: "MONTH" | "QUARTER"; readonly month: string }, contactDate: Date): string {
  if (sample.period === "MONTH") return sample.month;
  const contact = contactDate.toISOString().slice(0, 7);
  const [y, m] = sample.month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m + 1, 1)).toISOString().slice(0, 7);
  return contact >= sample.month && contact <= last ? contact : sample.month;
}
