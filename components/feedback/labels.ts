// Words for the codes of real-time feedback (issue 14).
export const CONTACT_CHANNEL_LABELS: Record<string, string> = { PHONE: "Phone", WEBCHAT: "Webchat", EMAIL: "Email", LETTER: "Letter", PORTAL: "Portal" };
export const CONTACT_REASON_LABELS: Record<string, string> = {
  NEW_APPLICATION: "New application",
  CHANGE_OF_CIRCUMSTANCES: "Change of circumstances",
  ARREARS: "Arrears",
  COMPLAINT: "Complaint",
  CASE_CLOSURE: "Case closure",
  ENQUIRY: "Enquiry",
};
export const SERVICE_LABELS: Record<string, string> = { CMS: "Child Maintenance Service", OPTIONS: "Child Maintenance Options" };
