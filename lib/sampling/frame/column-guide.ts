// What the frame page offers a person preparing an extract (issue 18): every
// column, whether it is required, and the values it takes (interchange.md §1),
// drawn from the same definitions the importer checks; and a template file.

import { AGE_BANDS, CONTACT_REASONS, GENDERS, PAYMENT_METHODS, ROLES_BY_SERVICE, SERVICES } from "../codes";
import { NAME_MAX_LENGTH } from "./field-rules";
import { FRAME_COLUMNS, REQUIRED_COLUMNS, type FrameColumn } from "./row";

const FLAG = "Y or N";
const list = (values: readonly string[]) => values.join(", ");

const VALUES: Record<FrameColumn, string> = {
  client_ref: "1 to 64 letters, digits, _ or -; one client per service",
  service: list(SERVICES),
  role: `CMS: ${list(ROLES_BY_SERVICE.CMS)}. Options: ${list(ROLES_BY_SERVICE.OPTIONS)}`,
  contact_reason: list(CONTACT_REASONS),
  contact_date: "A date written YYYY-MM-DD",
  english_speaking: FLAG,
  potentially_violent: FLAG,
  research_consent: FLAG,
  has_address: FLAG,
  phone: "A UK number (07700 900123) or an international one starting with +",
  email: "An email address",
  do_not_contact: `${FLAG}; blank means N`,
  age_band: list(AGE_BANDS),
  gender: list(GENDERS),
  service_start_date: "A date written YYYY-MM-DD",
  payment_method: list(PAYMENT_METHODS),
  csa_closure_letter: `${FLAG} (Options)`,
  title: `For example Ms, Mr, Dr; up to ${NAME_MAX_LENGTH} characters`,
  first_name: `Up to ${NAME_MAX_LENGTH} characters`,
  last_name: `Up to ${NAME_MAX_LENGTH} characters`,
};

export interface FrameColumnGuide {
  column: FrameColumn;
  required: boolean;
  values: string;
}

export function frameColumnGuide(): FrameColumnGuide[] {
  return (Object.keys(FRAME_COLUMNS) as FrameColumn[]).map((column) => ({
    column,
    required: (REQUIRED_COLUMNS as readonly string[]).includes(column),
    values: VALUES[column],
  }));
}

/** A template file: the header and two example rows (fictional: Ofcom drama numbers, example.org). */
export function frameTemplateCsv(): string {
  const example: Record<FrameColumn, [string, string]> = {
    client_ref: ["C000000001", "O000000002"],
    service: ["CMS", "OPTIONS"],
    role: ["RECEIVING_PARENT", "MAIN_CARE"],
    contact_reason: ["NEW_APPLICATION", "ENQUIRY"],
    contact_date: ["2015-03-02", "2015-03-17"],
    english_speaking: ["Y", "Y"],
    potentially_violent: ["N", "N"],
    research_consent: ["Y", "Y"],
    has_address: ["Y", "N"],
    phone: ["07700 900123", ""],
    email: ["", "client2@example.org"],
    do_not_contact: ["N", ""],
    age_band: ["25-34", ""],
    gender: ["FEMALE", ""],
    service_start_date: ["2013-06-01", ""],
    payment_method: ["DIRECT_PAY", ""],
    csa_closure_letter: ["", "N"],
    title: ["Ms", ""],
    first_name: ["Alex", "Sam"],
    last_name: ["Example", "Sample"],
  };
  const columns = Object.keys(FRAME_COLUMNS) as FrameColumn[];
  return [columns.join(","), columns.map((c) => example[c][0]).join(","), columns.map((c) => example[c][1]).join(",")].join("\r\n") + "\r\n";
}
