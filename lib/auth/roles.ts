import { z } from "zod";

export const ROLES = ["INTERVIEWER", "SUPERVISOR", "ANALYST", "ADMIN"] as const;
/** A member of staff's role (the role table, lib/auth/permissions.ts); a client's role in the frame is ClientRole. */
export type StaffRole = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: "Choose a role: interviewer, supervisor, analyst or admin" });

export const ROLE_LABEL: Record<StaffRole, string> = {
  INTERVIEWER: "Interviewer",
  SUPERVISOR: "Supervisor",
  ANALYST: "Analyst",
  ADMIN: "Administrator",
};

/** Each role lands on its own home page after signing in. */
export const ROLE_HOME: Record<StaffRole, string> = {
  INTERVIEWER: "/interviewer",
  SUPERVISOR: "/supervisor",
  ANALYST: "/results",
  ADMIN: "/admin/users",
};
