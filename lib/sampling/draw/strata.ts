// Strata of the monthly surveys (methodology.md, Sampling): quarter of client
// contact x line of business x client role.
//
// - Quarter: calendar quarters of the contact date (Q1 = January-March), written
//   "2015-Q2". The seed reports name quarters by their last month ("quarter
//   ending May 2015"), which are not calendar quarters; we use calendar quarters
//   because a stratum must be a fixed property of the contact and the seed's
//   rolling quarters overlap. A monthly draw sits in one quarter, so within a
//   draw the strata are in effect line of business x role.
// - Line of business: the contact_reason code (interchange.md §1).
// - Role: the client role code, which already implies the service.
//
// A key is "2015-Q2|NEW_APPLICATION|RECEIVING_PARENT": stable, sortable, and what
// the database stores.

import { CLIENT_ROLES, CONTACT_REASONS, CONTACT_REASON_LABELS, STRATUM_ROLE_WORDS, type ClientRole, type ContactReason } from "../codes";

export interface StratumParts {
  /** "2015-Q2" */
  quarter: string;
  contactReason: ContactReason;
  role: ClientRole;
}

const QUARTER_MONTHS = ["January to March", "April to June", "July to September", "October to December"];
const KEY = /^(\d{4})-Q([1-4])\|([A-Z_]+)\|([A-Z_]+)$/;

/** "2015-Q2" for any date in April-June 2015; the date is YYYY-MM-DD. */
export function calendarQuarter(date: string): string {
  const month = Number(date.slice(5, 7));
  if (!/^\d{4}-\d{2}/.test(date) || month < 1 || month > 12) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

export function stratumKey(contactDate: string, contactReason: ContactReason, role: ClientRole): string {
  return `${calendarQuarter(contactDate)}|${contactReason}|${role}`;
}

export function parseStratumKey(key: string): StratumParts {
  const m = KEY.exec(key);
  const reason = m?.[3] as ContactReason | undefined;
  const role = m?.[4] as ClientRole | undefined;
  if (!m || !reason || !role || !CONTACT_REASONS.includes(reason) || !CLIENT_ROLES.includes(role)) {
    throw new Error(`not a stratum key: ${key}`);
  }
  return { quarter: `${m[1]}-Q${m[2]}`, contactReason: reason, role };
}

/** "January to March 2015" for "2015-Q1" */
export function quarterLabel(quarter: string): string {
  const [year, q] = quarter.split("-Q");
  return `${QUARTER_MONTHS[Number(q) - 1]} ${year}`;
}

/** "January to March 2015, new application, receiving parent" */
export function stratumLabel(key: string): string {
  const { quarter, contactReason, role } = parseStratumKey(key);
  return `${quarterLabel(quarter)}, ${CONTACT_REASON_LABELS[contactReason]}, ${STRATUM_ROLE_WORDS[role]}`;
}
