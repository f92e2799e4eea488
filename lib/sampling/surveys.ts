// The surveys a sample can be drawn for, the frame each samples and the contact
// period each covers (methodology.md, the table of surveys; seed 002 for CES).
//
// - CMS and OPTIONS: monthly, from their own frames; the period is a contact month.
// - CES: quarterly, from the CMS frame; the population is the clients whose
//   contact in the quarter was a new application or a change of circumstances.
//
// CES quarters are calendar quarters written as strata.ts writes them:
// "2023-Q2" is April to June 2023. Seed 002 reports a financial year (April
// 2023 to March 2024) of "three-month quarters"; the financial year's quarters
// are these same three-month blocks (2023-Q2 .. 2024-Q1 make up 2023/24), so we
// keep the calendar numbering the stratum keys already use rather than a second
// numbering in which "Q1" would mean April to June. Pages show the months in
// words ("April to June 2023") beside the code. This is not the CMS reporting
// quarter of lib/results/periods.ts (quarters ending Feb/May/Aug/Nov).

import { CONTACT_REASON_LABELS, type ContactReason, type Service } from "./codes";
import { quarterLabel, calendarQuarter } from "./draw/strata";

export const SAMPLE_SURVEYS = ["CMS", "OPTIONS", "CES"] as const;
export type SampleSurvey = (typeof SAMPLE_SURVEYS)[number];
export type SamplePeriod = "MONTH" | "QUARTER";

export const SAMPLE_SURVEY_NAMES: Record<SampleSurvey, string> = {
  CMS: "Child Maintenance Service (CMS)",
  OPTIONS: "Child Maintenance Options",
  CES: "CMS Customer Experience Survey (CES)",
};

interface SurveyDesign {
  /** The frame the sample is drawn from. */
  frame: Service;
  period: SamplePeriod;
  /** Only these contact reasons put a client in the population (all when absent). */
  contactReasons?: readonly ContactReason[];
  /** The mode when none is chosen. */
  defaultMode: "PHONE" | "ONLINE" | "MIXED";
  /** Quota cells made with the draw: minimum interviews by "CONTACT_REASON|ROLE" when none is given. */
  minimumInterviews?: Readonly<Record<string, number>>;
}

/**
 * CES minimum interview targets per quota cell (parent type x contact reason) for
 * one quarter, when the draw is given none. Seed 002 says there are minimum
 * targets but not what they are; these are its 2023/24 interviews per cell
 * divided by four quarters, rounded down (new: 558 receiving and 447 paying
 * parents; change of circumstances: 1,179 - 558 and 1,101 - 447). A supervisor
 * can change any cell's target on the quota page.
 */
export const CES_DEFAULT_MINIMUM_INTERVIEWS: Readonly<Record<string, number>> = {
  "NEW_APPLICATION|RECEIVING_PARENT": 139,
  "NEW_APPLICATION|PAYING_PARENT": 111,
  "CHANGE_OF_CIRCUMSTANCES|RECEIVING_PARENT": 155,
  "CHANGE_OF_CIRCUMSTANCES|PAYING_PARENT": 163,
};

export const SURVEY_DESIGNS: Record<SampleSurvey, SurveyDesign> = {
  CMS: { frame: "CMS", period: "MONTH", defaultMode: "PHONE" },
  OPTIONS: { frame: "OPTIONS", period: "MONTH", defaultMode: "PHONE" },
  // seed 002: "contact ... during each three-month quarter to either make a new
  // application or report a change of circumstances"; mixed mode, online and
  // telephone; "minimum interview targets for each parent type and contact reason".
  CES: {
    frame: "CMS",
    period: "QUARTER",
    contactReasons: ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES"],
    defaultMode: "MIXED",
    minimumInterviews: CES_DEFAULT_MINIMUM_INTERVIEWS,
  },
};

export interface ContactPeriod {
  period: SamplePeriod;
  /** YYYY-MM: the month, or the quarter's first month (Sample.month) */
  firstMonth: string;
  /** Contact dates from (inclusive) and to (exclusive), YYYY-MM-DD */
  from: string;
  to: string;
  /** The strata's quarter (strata.ts), "2023-Q2" */
  quarter: string;
  /** "2015-03", or "2023-Q2" */
  code: string;
  /** "2015-03", or "April to June 2023 (2023-Q2)" */
  label: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const monthStart = (year: number, month: number) => `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, "0")}`;

/** The contact period of a month ("2015-03") or a calendar quarter ("2023-Q2"). */
export function contactPeriod(period: SamplePeriod, code: string): ContactPeriod {
  if (period === "QUARTER") {
    const m = QUARTER.exec(code);
    if (!m) throw new Error(`not a quarter YYYY-Qn: ${code}`);
    const year = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    const firstMonth = monthStart(year, first);
    return {
      period,
      firstMonth,
      from: `${firstMonth}-01`,
      to: `${monthStart(year, first + 3)}-01`,
      quarter: code,
      code,
      label: `${quarterLabel(code)} (${code})`,
    };
  }
  const [year, month] = code.split("-").map(Number);
  return { period, firstMonth: code, from: `${code}-01`, to: `${monthStart(year, month + 1)}-01`, quarter: calendarQuarter(`${code}-01`), code, label: code };
}

/** A stored sample's period (Sample.period and Sample.month) as the user wrote it. */
export function samplePeriodOf(sample: { period: SamplePeriod; month: string }): ContactPeriod {
  return contactPeriod(sample.period, samplePeriodCode(sample));
}

/** "2023-Q2" or "2015-03": a stored sample's period code. */
export function samplePeriodCode(s: { month: string; period: SamplePeriod }): string {
  return s.period === "QUARTER" ? calendarQuarter(`${s.month}-01`) : s.month;
}

/** "CES 2023-Q2", "CMS 2015-03 top-up 1": how a sample is named in lists. */
export function sampleLabel(s: { survey: string; month: string; sequence: number; period: SamplePeriod }): string {
  return `${s.survey} ${samplePeriodCode(s)}${s.sequence > 1 ? ` top-up ${s.sequence - 1}` : ""}`;
}

/** "a contact", or for CES "a new application or change of circumstances contact". */
export function contactWords(survey: SampleSurvey): string {
  const reasons = SURVEY_DESIGNS[survey].contactReasons?.map((r) => CONTACT_REASON_LABELS[r]).join(" or ");
  return reasons ? `a ${reasons} contact` : "a contact";
}

/** The waterfall's first row: who the population is. */
export function populationWords(survey: SampleSurvey): string {
  return `Clients with ${contactWords(survey)} in the ${SURVEY_DESIGNS[survey].period === "QUARTER" ? "quarter" : "month"}`;
}
