import type { ContactReason, Mode, PaymentMethod } from "@/lib/questionnaire";

// Words for case attributes and modes on the questionnaire pages (values are interchange codes).

export const CONTACT_REASON_LABELS: Record<ContactReason, string> = {
  NEW_APPLICATION: "New application",
  CHANGE_OF_CIRCUMSTANCES: "Change of circumstances",
  ARREARS: "Arrears",
  COMPLAINT: "Complaint",
  CASE_CLOSURE: "Case closure",
  ENQUIRY: "Enquiry",
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  DIRECT_PAY: "Direct Pay",
  COLLECT_AND_PAY: "Collect and Pay",
  NONE: "None",
};

export const MODE_LABELS: Record<Mode, string> = {
  PHONE: "Telephone (as the interviewer sees it)",
  ONLINE: "Online (as the respondent sees it)",
};
