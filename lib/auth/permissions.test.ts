import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_KEY_ROUTES, API_ROUTES, PAGES, PERMISSIONS, PUBLIC_ROUTES, accessFor, can, pageFor } from "./permissions";
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

  it("finds a page's entry by its address, a folder's own name before a [param] beside it", () => {
    expect(pageFor("/supervisor/quotas")?.permission).toBe("quotas:manage");
    expect(pageFor("/admin/users/new")?.label).toBe("Add a user");
    expect(pageFor("/admin/users/0b7c")?.label).toBe("Change a user");
    expect(pageFor("/questionnaires/CES-2023/try")?.label).toBe("Try a questionnaire");
    expect(pageFor("/samples/settings")?.permission).toBe("settings:manage");
    expect(pageFor("/samples/abc")?.permission).toBe("samples:view");
    expect(pageFor("/supervisor/quotas/extra")).toBeUndefined();
    expect(pageFor("/survey")).toBeUndefined();
    for (const page of PAGES) expect(pageFor(page.path)?.route, page.path).toBe(page.route);
  });

  it("decides access in requireRole's order: no session, then the role, then a temporary password (which still opens the password page)", () => {
    expect(accessFor(null, "results:view")).toBe("signed-out");
    expect(accessFor({ role: "INTERVIEWER", mustChangePassword: true }, "results:view")).toBe("refused");
    expect(accessFor({ role: "ANALYST", mustChangePassword: true }, "results:view")).toBe("temporary-password");
    expect(accessFor({ role: "ANALYST", mustChangePassword: true }, "account:self")).toBe("open");
    expect(accessFor({ role: "ANALYST", mustChangePassword: false }, "results:view")).toBe("open");
  });

  it("names only known permissions in pages and routes", () => {
    for (const p of [...PAGES, ...API_ROUTES]) expect(Object.keys(PERMISSIONS)).toContain(p.permission);
  });
});

describe("the role table covers every page and route under app/", () => {
  // app/samples/[id]/page.tsx -> /samples/[id]; route groups "(x)" are not part of the address
  function appRoutes(dir = path.resolve(__dirname, "../../app"), prefix = ""): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
        found.push(...appRoutes(path.join(dir, entry.name), `${prefix}${segment}`));
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
        found.push(prefix || "/");
      }
    }
    return found;
  }

  const listed = [...PAGES.map((p) => p.route), ...API_ROUTES.map((r) => r.route), ...API_KEY_ROUTES.map((r) => r.route), ...PUBLIC_ROUTES.map((r) => r.route)];

  it("lists every page.tsx and route.ts in PAGES, API_ROUTES or PUBLIC_ROUTES (add new ones there, with their permission)", () => {
    const files = appRoutes();
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((r) => !listed.includes(r))).toEqual([]);
  });

  it("lists nothing that is not under app/, and each route once", () => {
    const files = appRoutes();
    expect(listed.filter((r) => !files.includes(r))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("runs every guarded route handler through runRoute, so an unexpected error is logged with an id and never shown", () => {
    const handlers = (dir = path.resolve(__dirname, "../../app")): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? handlers(path.join(dir, e.name)) : /^route\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    const guarded = handlers().filter((f) => /requireRole\(|authenticateApiKey\(/.test(readFileSync(f, "utf8")));
    expect(guarded.length).toBeGreaterThan(10);
    expect(guarded.filter((f) => !readFileSync(f, "utf8").includes("runRoute(")).map((f) => path.relative(path.resolve(__dirname, "../.."), f))).toEqual([]);
  });

  it("gives every page and route an address that matches its route", () => {
    for (const p of [...PAGES, ...API_ROUTES, ...API_KEY_ROUTES]) {
      const pattern = new RegExp(`^${p.route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
      expect(p.path, p.route).toMatch(pattern);
    }
  });
});
