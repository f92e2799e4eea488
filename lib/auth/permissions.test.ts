import { describe, expect, it } from "vitest";
import { API_ROUTES, PAGES, PERMISSIONS, can } from "./permissions";
import { ROLES, ROLE_HOME } from "./roles";

describe("role table", () => {
  it("lets each role open its own home page", () => {
    for (const role of ROLES) {
      const home = PAGES.find((p) => p.path === ROLE_HOME[role]);
      expect(home, role).toBeDefined();
      expect(can(role, home!.permission), role).toBe(true);
    }
  });

  it("keeps user management and the audit log to administrators", () => {
    expect(ROLES.filter((r) => can(r, "users:manage"))).toEqual(["ADMIN"]);
    expect(ROLES.filter((r) => can(r, "audit:view"))).toEqual(["ADMIN"]);
  });

  it("keeps the online-survey outbox (contact details, personal links) to administrators", () => {
    expect(ROLES.filter((r) => can(r, "outbox:view"))).toEqual(["ADMIN"]);
    expect(PAGES.find((p) => p.path === "/admin/outbox")?.permission).toBe("outbox:view");
  });

  it("gives the case queue (and so phone numbers) to interviewers only", () => {
    expect(ROLES.filter((r) => can(r, "cases:work"))).toEqual(["INTERVIEWER"]);
  });

  it("gives the control room (release, reassign, call-history exports) to supervisors and administrators", () => {
    for (const path of ["/supervisor/fieldwork", "/supervisor/interviewers"]) expect(PAGES.find((p) => p.path === path)?.permission).toBe("fieldwork:monitor");
    expect(API_ROUTES.find((r) => r.path === "/api/fieldwork/overview")?.permission).toBe("fieldwork:monitor");
    expect(ROLES.filter((r) => can(r, "fieldwork:monitor"))).toEqual(["SUPERVISOR", "ADMIN"]);
  });

  it("names only known permissions in pages and routes", () => {
    for (const p of [...PAGES, ...API_ROUTES]) expect(Object.keys(PERMISSIONS)).toContain(p.permission);
  });
});
