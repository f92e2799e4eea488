// Code lists of interchange.md §1 (the sampling frame), exactly as it spells them;
// the one definition the frame import, the questionnaire engine (case attributes)
// and the responses import (§2) share.
// The database enums and the forms use the same strings (style.md: SCREAMING_CASE
// values that match the interchange codes).

export const SERVICES = ["CMS", "OPTIONS"] as const;
export type Service = (typeof SERVICES)[number];

// interchange.md §1: a role is only valid for its own service.
export const ROLES_BY_SERVICE = {
  CMS: ["RECEIVING_PARENT", "PAYING_PARENT"],
  OPTIONS: ["MAIN_CARE", "SOME_OR_NO_CARE", "OTHER"],
} as const satisfies Record<Service, readonly string[]>;
export type CmsRole = (typeof ROLES_BY_SERVICE.CMS)[number];
export type OptionsRole = (typeof ROLES_BY_SERVICE.OPTIONS)[number];
export type ClientRole = CmsRole | OptionsRole;
export const CLIENT_ROLE_CODES = [...ROLES_BY_SERVICE.CMS, ...ROLES_BY_SERVICE.OPTIONS] as const;
export const CLIENT_ROLES: readonly ClientRole[] = CLIENT_ROLE_CODES;

export const CONTACT_REASONS = ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES", "ARREARS", "COMPLAINT", "CASE_CLOSURE", "ENQUIRY"] as const;
export type ContactReason = (typeof CONTACT_REASONS)[number];

export const AGE_BANDS = ["16-24", "25-34", "35-44", "45-54", "55+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const GENDERS = ["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const;
export type Gender = (typeof GENDERS)[number];

export const PAYMENT_METHODS = ["DIRECT_PAY", "COLLECT_AND_PAY", "NONE"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What pages call each client role (the case screen, quotas, "try it", my work). */
export const CLIENT_ROLE_LABELS: Record<ClientRole, string> = {
  RECEIVING_PARENT: "Receiving parent",
  PAYING_PARENT: "Paying parent",
  MAIN_CARE: "Parent with main day-to-day care",
  SOME_OR_NO_CARE: "Parent with some or no day-to-day care",
  OTHER: "Other",
};

/** The short words in a stratum's name ("January to March 2015, arrears, receiving parent"). */
export const STRATUM_ROLE_WORDS: Record<ClientRole, string> = {
  RECEIVING_PARENT: "receiving parent",
  PAYING_PARENT: "paying parent",
  MAIN_CARE: "main day-to-day care",
  SOME_OR_NO_CARE: "some or no care",
  OTHER: "other",
};

export const CONTACT_REASON_LABELS: Record<ContactReason, string> = {
  NEW_APPLICATION: "new application",
  CHANGE_OF_CIRCUMSTANCES: "change of circumstances",
  ARREARS: "arrears",
  COMPLAINT: "complaint",
  CASE_CLOSURE: "case closure",
  ENQUIRY: "enquiry",
};

export function isRoleForService(service: Service, role: string): role is ClientRole {
  return (ROLES_BY_SERVICE[service] as readonly string[]).includes(role);
}
