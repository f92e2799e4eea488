import type { Role } from "./roles";

/**
 * Who may do what. Every page, server action and route handler names one of
 * these permissions in its requireRole() call; e2e/access.spec.ts is generated
 * from this table and from PAGES below.
 */
export const PERMISSIONS = {
  "cases:work": ["INTERVIEWER"],
  "fieldwork:monitor": ["SUPERVISOR", "ADMIN"],
  "results:view": ["ANALYST", "SUPERVISOR", "ADMIN"],
  "questionnaires:view": ["SUPERVISOR", "ANALYST", "ADMIN"],
  "users:manage": ["ADMIN"],
  "audit:view": ["ADMIN"],
  "account:self": ["INTERVIEWER", "SUPERVISOR", "ANALYST", "ADMIN"],
  // issue 6: the frame, the register and the monthly draw. Interviewers draw the
  // monthly samples (the customer's brief) unless an administrator restricts
  // drawing to supervisors (lib/sampling/db/settings.ts).
  "frame:import": ["SUPERVISOR", "ADMIN"],
  "dnc:manage": ["SUPERVISOR", "ADMIN"],
  "samples:view": ["INTERVIEWER", "SUPERVISOR", "ADMIN"],
  "samples:draw": ["INTERVIEWER", "SUPERVISOR"],
  "settings:manage": ["ADMIN"],
  // issue 4: quota cells (targets, closing and reopening cells) and their live progress
  "quotas:manage": ["SUPERVISOR", "ADMIN"],
  // issue 13: the local outbox of online-survey invitations (links, codes and
  // contact details: personal data)
  "outbox:view": ["ADMIN"],
  // issue 13: inviting an ONLINE or MIXED sample's cases from its page
  "invitations:send": ["SUPERVISOR", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Pages in the navigation, with the permission each needs. */
export const PAGES: { path: string; label: string; permission: Permission; nav: boolean }[] = [
  { path: "/interviewer", label: "Next case", permission: "cases:work", nav: true },
  { path: "/interviewer/my-work", label: "My work", permission: "cases:work", nav: true },
  { path: "/supervisor", label: "Fieldwork overview", permission: "fieldwork:monitor", nav: true },
  { path: "/supervisor/quotas", label: "Quotas", permission: "quotas:manage", nav: true },
  // issue 15: the control room (live progress, rates, exports; release and reassign)
  { path: "/supervisor/fieldwork", label: "Control room", permission: "fieldwork:monitor", nav: true },
  { path: "/supervisor/interviewers", label: "Interviewers", permission: "fieldwork:monitor", nav: false },
  { path: "/results", label: "Results", permission: "results:view", nav: true },
  { path: "/results/import", label: "Import responses and targets", permission: "results:view", nav: false },
  { path: "/questionnaires", label: "Questionnaires", permission: "questionnaires:view", nav: true },
  { path: "/questionnaires/CES-2023", label: "Questionnaire preview", permission: "questionnaires:view", nav: false },
  { path: "/questionnaires/CMS-2015/try", label: "Try a questionnaire", permission: "questionnaires:view", nav: false },
  { path: "/samples", label: "Samples", permission: "samples:view", nav: true },
  { path: "/samples/new", label: "Draw a sample", permission: "samples:draw", nav: false },
  { path: "/samples/settings", label: "Sampling settings", permission: "settings:manage", nav: false },
  { path: "/frame", label: "Sampling frame", permission: "frame:import", nav: true },
  { path: "/frame/do-not-contact", label: "Do-not-contact register", permission: "dnc:manage", nav: false },
  { path: "/admin/users", label: "Users", permission: "users:manage", nav: true },
  { path: "/admin/users/new", label: "Add a user", permission: "users:manage", nav: false },
  { path: "/admin/audit", label: "Audit log", permission: "audit:view", nav: true },
  { path: "/admin/settings/telephone", label: "Telephone settings", permission: "settings:manage", nav: true },
  { path: "/admin/settings/online", label: "Online survey settings", permission: "settings:manage", nav: false },
  { path: "/admin/outbox", label: "Outbox", permission: "outbox:view", nav: true },
  { path: "/account/password", label: "Change your password", permission: "account:self", nav: false },
];

/** Route handlers (APIs) and the permission each needs; they answer 403 to other roles. */
export const API_ROUTES: { path: string; permission: Permission }[] = [
  { path: "/api/admin/users", permission: "users:manage" },
  { path: "/api/admin/audit", permission: "audit:view" },
  { path: "/api/frame/imports", permission: "frame:import" },
  { path: "/api/fieldwork/overview", permission: "fieldwork:monitor" },
  { path: "/admin/outbox/letters", permission: "outbox:view" },
];
