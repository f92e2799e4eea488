/** Labels of the web outcomes in a case's call history (lib/cawi/web-outcome.ts writes them). */
export const WEB_OUTCOME_LABELS: Record<string, string> = {
  WEB_LOGGED_ON: "Opened the online survey",
  WEB_BREAK_OFF: "Stopped the online survey part-way",
  WEB_COMPLETE: "Completed online",
  WEB_REFUSAL: "Declined online",
  WEB_QUOTA_FULL: "Closed online: quota cell full",
  WEB_LINK_EXPIRED: "Online link expired",
};
