import type { StaffRole } from "./roles";

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
  // issue 14: machine clients' API keys (create, scope, revoke)
  "apikeys:manage": ["ADMIN"],
  // issue 14: the follow-up queue of real-time feedback (service recovery:
  // claiming, the client's phone number, attempts and resolutions). Supervisors
  // already go back to clients; no new role is needed for it.
  "followups:work": ["SUPERVISOR"],
  // issue 14: the managers' view of real-time feedback (ratings, follow-up
  // timeliness, comments without personal data)
  "feedback:view": ["SUPERVISOR", "ANALYST", "ADMIN"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/**
 * What requireRole() will answer, in the order it decides: no session; a role
 * without the permission; a temporary password, which opens nothing but the
 * change-password page (route handlers answer 403 until it is changed); or
 * open. Pure, so a page's title (staffMetadata) asks the same question.
 */
export function accessFor(
  user: { role: StaffRole; mustChangePassword: boolean } | null,
  permission: Permission,
): "signed-out" | "refused" | "temporary-password" | "open" {
  if (!user) return "signed-out";
  if (!can(user.role, permission)) return "refused";
  if (user.mustChangePassword && permission !== "account:self") return "temporary-password";
  return "open";
}

/** A nonexistent id, for trying the guards of pages and routes with an id in the address. */
export const ABSENT_ID = "00000000-0000-4000-8000-000000000000";

export interface PageEntry {
  /** the page's route as its folder under app/ names it */
  route: string;
  /** an address to try it at; a made-up id for pages about one thing (they answer 404 once the role is allowed) */
  path: string;
  label: string;
  permission: Permission;
  nav: boolean;
}

/**
 * Every staff page under app/, with the permission it needs. Those with nav
 * appear in the service navigation. lib/auth/permissions.test.ts fails when a
 * page.tsx under app/ is in neither this list nor PUBLIC_ROUTES.
 */
export const PAGES: PageEntry[] = [
  { route: "/interviewer", path: "/interviewer", label: "Next case", permission: "cases:work", nav: true },
  { route: "/interviewer/my-work", path: "/interviewer/my-work", label: "My work", permission: "cases:work", nav: true },
  { route: "/interviewer/cases/[caseId]", path: `/interviewer/cases/${ABSENT_ID}`, label: "Case", permission: "cases:work", nav: false },
  {
    route: "/interviewer/cases/[caseId]/interview",
    path: `/interviewer/cases/${ABSENT_ID}/interview`,
    label: "Interview",
    permission: "cases:work",
    nav: false,
  },
  { route: "/supervisor", path: "/supervisor", label: "Fieldwork overview", permission: "fieldwork:monitor", nav: true },
  { route: "/supervisor/quotas", path: "/supervisor/quotas", label: "Quotas", permission: "quotas:manage", nav: true },
  // issue 15: the control room (live progress, rates, exports; release and reassign)
  { route: "/supervisor/fieldwork", path: "/supervisor/fieldwork", label: "Control room", permission: "fieldwork:monitor", nav: true },
  {
    route: "/supervisor/fieldwork/[sampleId]",
    path: `/supervisor/fieldwork/${ABSENT_ID}`,
    label: "Sample outcome rates",
    permission: "fieldwork:monitor",
    nav: false,
  },
  { route: "/supervisor/interviewers", path: "/supervisor/interviewers", label: "Interviewers", permission: "fieldwork:monitor", nav: false },
  { route: "/supervisor/cases", path: "/supervisor/cases", label: "Cases", permission: "fieldwork:monitor", nav: true },
  { route: "/supervisor/cases/[id]", path: `/supervisor/cases/${ABSENT_ID}`, label: "Case", permission: "fieldwork:monitor", nav: false },
  { route: "/results", path: "/results", label: "Results", permission: "results:view", nav: true },
  { route: "/results/import", path: "/results/import", label: "Import responses and targets", permission: "results:view", nav: false },
  { route: "/results/import/[id]", path: "/results/import/999999999", label: "Response import", permission: "results:view", nav: false },
  { route: "/questionnaires", path: "/questionnaires", label: "Questionnaires", permission: "questionnaires:view", nav: true },
  { route: "/questionnaires/[versionId]", path: "/questionnaires/CES-2023", label: "Questionnaire preview", permission: "questionnaires:view", nav: false },
  {
    route: "/questionnaires/[versionId]/try",
    path: "/questionnaires/CMS-2015/try",
    label: "Try a questionnaire",
    permission: "questionnaires:view",
    nav: false,
  },
  { route: "/samples", path: "/samples", label: "Samples", permission: "samples:view", nav: true },
  { route: "/samples/[id]", path: `/samples/${ABSENT_ID}`, label: "Sample", permission: "samples:view", nav: false },
  { route: "/samples/new", path: "/samples/new", label: "Draw a sample", permission: "samples:draw", nav: false },
  { route: "/samples/settings", path: "/samples/settings", label: "Sampling settings", permission: "settings:manage", nav: false },
  { route: "/frame", path: "/frame", label: "Sampling frame", permission: "frame:import", nav: true },
  { route: "/frame/imports/[id]", path: "/frame/imports/999999999", label: "Frame import", permission: "frame:import", nav: false },
  { route: "/frame/do-not-contact", path: "/frame/do-not-contact", label: "Do-not-contact register", permission: "dnc:manage", nav: false },
  { route: "/admin/users", path: "/admin/users", label: "Users", permission: "users:manage", nav: true },
  { route: "/admin/users/new", path: "/admin/users/new", label: "Add a user", permission: "users:manage", nav: false },
  { route: "/admin/users/[id]", path: `/admin/users/${ABSENT_ID}`, label: "Change a user", permission: "users:manage", nav: false },
  { route: "/admin/audit", path: "/admin/audit", label: "Audit log", permission: "audit:view", nav: true },
  { route: "/admin/settings/telephone", path: "/admin/settings/telephone", label: "Telephone settings", permission: "settings:manage", nav: true },
  { route: "/admin/settings/online", path: "/admin/settings/online", label: "Online survey settings", permission: "settings:manage", nav: false },
  { route: "/admin/outbox", path: "/admin/outbox", label: "Outbox", permission: "outbox:view", nav: true },
  { route: "/admin/api-keys", path: "/admin/api-keys", label: "API keys", permission: "apikeys:manage", nav: true },
  { route: "/admin/settings/feedback", path: "/admin/settings/feedback", label: "Real-time feedback settings", permission: "settings:manage", nav: false },
  { route: "/recovery", path: "/recovery", label: "Follow-ups", permission: "followups:work", nav: true },
  { route: "/recovery/[id]", path: `/recovery/${ABSENT_ID}`, label: "Follow-up", permission: "followups:work", nav: false },
  { route: "/results/feedback", path: "/results/feedback", label: "Real-time feedback", permission: "feedback:view", nav: true },
  { route: "/account/password", path: "/account/password", label: "Change your password", permission: "account:self", nav: false },
];

/**
 * The role table's entry for an address (its path, without the query), or
 * undefined. A folder's own name wins over a [param] folder beside it
 * (/admin/users/new is "Add a user", not a user whose id is "new"), at the
 * first segment where two routes differ, as in Next.js's routing.
 */
export function pageFor(pathname: string): PageEntry | undefined {
  const segments = pathname.split("/").filter(Boolean);
  const isParam = (part: string) => /^\[[^\]]+\]$/.test(part);
  // Each fitting route as its segments' kinds ("0" a folder's own name, "1" a
  // [param]); the smallest wins: a fixed name at the first segment where they differ.
  let best: { entry: PageEntry; kinds: string } | undefined;
  for (const entry of PAGES) {
    const route = entry.route.split("/").filter(Boolean);
    if (route.length !== segments.length) continue;
    if (!route.every((part, i) => part === segments[i] || isParam(part))) continue;
    const kinds = route.map((part) => (isParam(part) ? "1" : "0")).join("");
    if (!best || kinds < best.kinds) best = { entry, kinds };
  }
  return best?.entry;
}

/** Every guarded route handler (API) under app/api, with the permission it needs; they answer 403 to other roles. */
export const API_ROUTES: { route: string; path: string; permission: Permission }[] = [
  { route: "/api/admin/users", path: "/api/admin/users", permission: "users:manage" },
  { route: "/api/admin/audit", path: "/api/admin/audit", permission: "audit:view" },
  { route: "/api/fieldwork/overview", path: "/api/fieldwork/overview", permission: "fieldwork:monitor" },
  { route: "/admin/outbox/letters", path: "/admin/outbox/letters", permission: "outbox:view" },
  { route: "/supervisor/fieldwork/[sampleId]/export", path: `/supervisor/fieldwork/${ABSENT_ID}/export`, permission: "fieldwork:monitor" },
  { route: "/api/frame/imports", path: "/api/frame/imports", permission: "frame:import" },
  { route: "/api/frame/template", path: "/api/frame/template", permission: "frame:import" },
  { route: "/api/frame/imports/[id]/errors", path: "/api/frame/imports/999999999/errors", permission: "frame:import" },
  { route: "/api/results/export", path: "/api/results/export", permission: "results:view" },
  { route: "/api/results/json", path: "/api/results/json", permission: "results:view" },
  { route: "/results/feedback/comments", path: "/results/feedback/comments", permission: "feedback:view" },
];

/**
 * Routes for machine clients (issue 14): they take an API key with the scope
 * named, never a staff session, and answer 401 without a valid key (a revoked
 * one included) and 403 for a key without the scope. A key opens nothing else:
 * pages and the API_ROUTES above read staff sessions only.
 */
export const API_KEY_ROUTES: { route: string; path: string; method: "POST"; scope: "CONTACTS_WRITE" }[] = [
  { route: "/api/contacts", path: "/api/contacts", method: "POST", scope: "CONTACTS_WRITE" },
];

/**
 * Pages and routes open without signing in, each for a reason: signing in,
 * the health check, and the online respondent's pages (a respondent has a
 * link or an access code, not an account).
 */
export const PUBLIC_ROUTES: { route: string; why: string }[] = [
  { route: "/", why: "sends each person to their home page, or to sign-in" },
  { route: "/sign-in", why: "signing in" },
  { route: "/api/auth/[...nextauth]", why: "signing in and out (next-auth)" },
  { route: "/api/health", why: "load balancers and uptime checks; says nothing about data" },
  { route: "/s/[token]", why: "a respondent's personal link" },
  { route: "/start", why: "a respondent enters their access code" },
  { route: "/survey", why: "the online questionnaire (respondent session)" },
  { route: "/survey/start", why: 'online questionnaire: the "Start now" form post (respondent session)' },
  { route: "/survey/answer", why: "online questionnaire: each answer's form post (respondent session)" },
  { route: "/survey/saved", why: "online questionnaire: saved for later" },
  { route: "/survey/thank-you", why: "online questionnaire: finished" },
  { route: "/survey/unavailable", why: "online questionnaire: link expired or used" },
  { route: "/survey/withdraw", why: "online questionnaire: opting out" },
  { route: "/f/[token]", why: "a client's personal link to rate a contact (real-time feedback)" },
  { route: "/feedback", why: "real-time feedback: the rating page (respondent session)" },
  { route: "/feedback/thank-you", why: "real-time feedback: finished" },
];
