import { expect, test } from "@playwright/test";
import { API_KEY_ROUTES, API_ROUTES, PAGES, can } from "@/lib/auth/permissions";
import { ROLES } from "@/lib/auth/roles";
import { expectAccessible, expectFitsSmallScreen, expectServedHeading, signInAs } from "./helpers";

// Generated from the role table in lib/auth/permissions.ts: every role is
// tried on every page and API route; those it may not use answer 403. Pages
// about one thing are tried with a made-up id: a role that may use them gets
// "Page not found" (404), so the guard is known to run before the lookup.
const isDynamic = (route: string) => route.includes("[");
const REFUSED = "You do not have access";
for (const role of ROLES) {
  test(`${role.toLowerCase()}: pages and APIs of other roles say "You do not have access"`, async ({ page }) => {
    test.setTimeout(300_000); // every page of the role table, one after another (34 pages since issue 14; 180 s ran out at load 20)
    await signInAs(page, role);
    let checkedForbiddenPage = false;
    for (const p of PAGES) {
      if (!can(role, p.permission) && checkedForbiddenPage) {
        // The same refusal each time: its status and its heading in the HTML the server sent (drawn without
        // JavaScript, lib/http/page.tsx), without drawing it again in the browser.
        await expectServedHeading(page, p.path, { status: 403, heading: REFUSED, title: `${REFUSED} – Fieldwork`, label: `${role} on ${p.path}` });
        continue;
      }
      const response = await page.goto(p.path);
      if (can(role, p.permission)) {
        const missing = isDynamic(p.route) && !p.path.startsWith("/questionnaires/");
        expect(response?.status(), `${role} on ${p.path}`).toBe(missing ? 404 : 200);
        await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(REFUSED);
        // A made-up id is titled as it is headed (recordMetadata); the others by the page's own name.
        if (missing) await expect(page, p.path).toHaveTitle("Page not found – Fieldwork");
        else await expect(page, p.path).not.toHaveTitle(/^(You do not have access|Page not found) /);
        // Every page fits a 320 px screen: wide tables scroll in their own box, the page never sideways (issue 18).
        await expectFitsSmallScreen(page);
      } else {
        // The first page refused: seen in the browser, and checked with axe.
        expect(response?.status(), `${role} on ${p.path}`).toBe(403);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(REFUSED);
        // Titled so too (staffMetadata), not with the name of the page refused: the title is what a screen reader says first.
        await expect(page).toHaveTitle(`${REFUSED} – Fieldwork`);
        await expectAccessible(page);
        checkedForbiddenPage = true;
      }
    }
    for (const r of API_ROUTES) {
      const response = await page.request.get(r.path);
      // allowed: anything but 401/403 and 5xx (a made-up id is 404, a download without its query 400)
      if (can(role, r.permission)) expect([200, 400, 404], `${role} on ${r.path}`).toContain(response.status());
      else expect(response.status(), `${role} on ${r.path}`).toBe(403);
    }
    // machine clients' routes take an API key, never a staff session (e2e/feedback.spec.ts tries the keys)
    for (const r of API_KEY_ROUTES) expect((await page.request.post(r.path, { data: [] })).status(), `${role} on ${r.method} ${r.path}`).toBe(401);
  });
}

test("without signing in, pages go to sign-in and APIs answer 401", async ({ page }) => {
  test.setTimeout(300_000);
  const signInFor = (path: string) => new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(path).replace(/[/]/g, "\\/")}$`);
  // The first page in the browser, to the sign-in page; the rest by their redirect, without drawing the sign-in page each time.
  await page.goto(PAGES[0].path);
  await expect(page, PAGES[0].path).toHaveURL(signInFor(PAGES[0].path));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Fieldwork");
  for (const p of PAGES) {
    const response = await page.request.get(p.path, { maxRedirects: 0 });
    expect([302, 303, 307], p.path).toContain(response.status());
    expect(response.headers().location, p.path).toMatch(signInFor(p.path));
  }
  for (const r of API_ROUTES) {
    const response = await page.request.get(r.path);
    expect(response.status(), r.path).toBe(401);
  }
  for (const r of API_KEY_ROUTES) expect((await page.request.post(r.path, { data: [] })).status(), r.path).toBe(401);
});

test("health check reports the database and migrations", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "reachable", migrations: "current" });
});
