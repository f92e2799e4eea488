import { expect, test } from "@playwright/test";
import { ROLES, ROLE_HOME } from "@/lib/auth/roles";
import { createUserWithCli, errorSummary, expectAccessible, signIn, signInAs } from "./helpers";
import { E2E_PASSWORD, e2eEmail } from "./users";

const HOME_HEADING = { INTERVIEWER: "Next case", SUPERVISOR: "Fieldwork overview", ANALYST: "Results", ADMIN: "Users" } as const;

test("the sign-in page is accessible and explains what is missing", async ({ page }) => {
  // It runs under a nonce-based Content-Security-Policy, and nothing on it is refused.
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  const response = await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  const csp = (await response?.allHeaders())?.["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect((await response?.allHeaders())?.["strict-transport-security"]).toContain("max-age=31536000");
  await expect(page.getByRole("heading", { name: "Sign in to Fieldwork" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const summary = errorSummary(page);
  await expect(summary).toContainText("Enter your email address");
  await expect(summary).toContainText("Enter your password");
  // The GOV.UK error pattern: focus moves to the summary, and the title says there is an error.
  await expect(page.locator(".govuk-error-summary")).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expectAccessible(page);
  // The scripts ran (the form was checked in the browser, without a round trip) and none was refused.
  await expect(page.locator("body.govuk-frontend-supported")).toHaveCount(1);
  expect(refused).toEqual([]);
});

for (const role of ROLES) {
  test(`${role.toLowerCase()} signs in and lands on their home page`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page).toHaveURL(new RegExp(`${ROLE_HOME[role]}$`));
    await expect(page.getByRole("heading", { level: 1, name: HOME_HEADING[role] })).toBeVisible();
    await expectAccessible(page);
  });
}

test("a wrong password gets a generic message", async ({ page }) => {
  await signIn(page, "interviewer@fieldwork.test", "not the password");
  await expect(errorSummary(page)).toContainText("Your email address or password is not correct");
  await signIn(page, "nobody-here@fieldwork.test", "not the password");
  await expect(errorSummary(page)).toContainText("Your email address or password is not correct");
  await expect(page.locator(".govuk-error-summary")).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expectAccessible(page);
});

test("signing out ends the session, and a copy of its cookie taken before dies with it", async ({ page, browser }) => {
  await signInAs(page, "ANALYST");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/results");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fresults/);

  // Someone who copied the cookie before sign-out gets nothing with it.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/results");
  await expect(stolen).toHaveURL(/\/sign-in/);
  const session = await thief.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await thief.close();
});

test("changing your password ends your sessions on other devices", async ({ page, browser }) => {
  const user = await createUserWithCli("SUPERVISOR", "two-devices");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await expect(otherPage).toHaveURL(/\/account\/password/);
  await signIn(page, user.email, user.password);
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
  await page.getByLabel("Confirm new password").fill("a much longer passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fieldwork overview" })).toBeVisible();
  // This device stays signed in; the other one is sent to sign in again.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Fieldwork overview" })).toBeVisible();
  await otherPage.goto("/supervisor");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
});

test("repeated failures pause sign-in, even with the right password, with the same message", async ({ page }) => {
  const user = await createUserWithCli("SUPERVISOR", "locked");
  // The e2e server allows 3 failures (SIGN_IN_MAX_FAILURES=3) per account and address.
  for (let i = 0; i < 3; i++) {
    await signIn(page, user.email, "wrong password");
    await expect(errorSummary(page)).toContainText("Your email address or password is not correct");
  }
  // Paused: the right password gets the very same answer, so nobody learns the account exists or is paused.
  await signIn(page, user.email, user.password);
  await expect(errorSummary(page)).toContainText("Your email address or password is not correct");
  await expect(page).toHaveURL(/sign-in/);
  await expectAccessible(page);
});

test("a new user must change their temporary password before going on", async ({ page, browser }) => {
  test.slow(); // an administrator signs in too, to read the audit log
  const user = await createUserWithCli("ANALYST", "newcomer");
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/account\/password/);
  await expect(page.getByText("You are using a temporary password")).toBeVisible();
  await expectAccessible(page);
  // Downloads are closed too until the temporary password is changed.
  expect((await page.request.get("/api/results/export?survey=CMS")).status()).toBe(403);
  // A page of another role is refused, and the refusal is in the audit log.
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, "ADMIN");
  await adminPage.goto("/admin/audit");
  await expect(adminPage.getByRole("row").filter({ hasText: "E2E newcomer" }).filter({ hasText: "Was refused /admin/users" }).first()).toBeVisible();
  await admin.close();
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Confirm new password").fill("different");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(errorSummary(page)).toContainText("at least 12 characters");
  await expect(errorSummary(page)).toContainText("The passwords do not match");
  await expectAccessible(page);
  // Passwords are never sent back into the form (a plain form since it must work without JavaScript): all three again.
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
  await page.getByLabel("Confirm new password").fill("a much longer passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/results$/);
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in posts the form (the password never in a URL), lands on the page asked for, and sign-out ends the session", async ({ page }) => {
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    await page.goto("/results");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fresults/);
    await page.getByLabel("Email address").fill(e2eEmail("ANALYST"));
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/results$/);
    await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
    expect(urls.filter((u) => u.includes("password") || u.includes(encodeURIComponent(E2E_PASSWORD)))).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out")).toBeVisible();
    await page.goto("/results");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a wrong password is refused with the same message", async ({ page }) => {
    await signIn(page, e2eEmail("INTERVIEWER"), "not the password");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(errorSummary(page)).toContainText("Your email address or password is not correct");
    // The GOV.UK error pattern without scripts too: the page title starts "Error: ".
    await expect(page).toHaveTitle(/^Error: Sign in/);
    // (axe runs in the page's JavaScript, so the same page is checked with scripts on above)
  });
});

test("after sign-in, a callback that would leave the site goes home instead", async ({ page }) => {
  for (const callback of ["/%5Cevil.example", "//evil.example", "/%09/evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${callback}`);
    await page.getByLabel("Email address").fill(e2eEmail("ANALYST"));
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/results$/);
  }
});

test("'Sign in with' the organisation's identity provider (OpenID Connect) goes to the provider with or without JavaScript, asking for this service's callback", async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/sign-in?callbackUrl=%2Fresults");
    await page.getByRole("button", { name: "Sign in with E2E identity provider" }).click();
    await expect(page.getByRole("heading", { name: "E2E identity provider" }), `JavaScript ${javaScriptEnabled}`).toBeVisible();
    const asked = new URL(page.url());
    expect(asked.pathname).toBe("/authorize");
    expect(asked.searchParams.get("client_id")).toBe("fieldwork-e2e");
    expect(asked.searchParams.get("response_type")).toBe("code");
    expect(asked.searchParams.get("scope")).toBe("openid email profile");
    expect(asked.searchParams.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/api\/auth\/callback\/oidc$/);
    // PKCE and state: the answer can only be used by the browser that asked.
    expect(asked.searchParams.get("code_challenge_method")).toBe("S256");
    expect(asked.searchParams.get("state")).toBeTruthy();
    await context.close();
  }
});
