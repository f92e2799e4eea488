import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import type { StaffRole } from "@/lib/auth/roles";
import { E2E_PASSWORD, e2eEmail } from "./users";

/**
 * Fails when the page is wider than a 320 px screen (WCAG 1.4.10 Reflow: wide
 * tables scroll inside their own container, the page never sideways).
 */
export async function expectFitsSmallScreen(page: Page) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: original?.height ?? 720 });
  try {
    // Charts resize to their container a moment after the viewport does (a ResizeObserver): give the page up to 3 s to settle.
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await expect
      .poll(pageWidth, { timeout: 3_000 })
      .toBeLessThanOrEqual(320)
      .catch(() => undefined);
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.scrollWidth;
      if (width <= 320) return { width, widest: "" };
      // name the widest element that sticks out, to say where to look
      let widest = "";
      let max = 320;
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
        const right = el.getBoundingClientRect().right;
        if (right > max + 1 && !el.closest(".fw-table-scroll")) {
          max = right;
          widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""}`;
        }
      }
      return { width, widest };
    });
    expect(overflow.width, `width of ${page.url()} at 320 px (widest: ${overflow.widest})`).toBeLessThanOrEqual(320);
  } finally {
    if (original) await page.setViewportSize(original);
  }
}

/** Fails on any serious or critical WCAG 2.2 A/AA violation on the page as it is now, or on a page wider than a 320 px screen. */
export async function expectAccessible(page: Page) {
  // A page refreshing its server data (router.refresh) streams its <title> back
  // in: wait for the title a person would see before judging the page.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility of ${page.url()}`,
  ).toEqual([]);
  await expectFitsSmallScreen(page);
}

/**
 * A page check (axe) run once for each kind of question page in a journey (how
 * many radios, checkboxes, text boxes and text areas its main part has), not
 * again on each of a dozen pages the same component drew with other words.
 */
export function oncePerKind(check: (page: Page) => Promise<void>): (page: Page) => Promise<void> {
  const seen = new Set<string>();
  return async (page) => {
    const main = page.getByRole("main");
    const counts = await Promise.all(["input[type=radio]", "input[type=checkbox]", "input[type=text]", "textarea"].map((s) => main.locator(s).count()));
    const kind = counts.join("/");
    if (seen.has(kind)) return;
    seen.add(kind);
    await check(page);
  };
}

/**
 * The page at `path` as the server sends it, before any script runs: its status,
 * and its heading (and, given one, its title) in the HTML itself (so they are
 * there without JavaScript).
 */
export async function expectServedHeading(
  page: Page,
  path: string,
  { status, heading, title, label = path }: { status: number; heading: string; title?: string; label?: string },
) {
  const response = await page.request.get(path, { maxRedirects: 0 });
  expect(response.status(), label).toBe(status);
  const html = await response.text();
  expect(html, label).toContain(`<h1 class="govuk-heading-l">${heading}</h1>`);
  if (title) expect(html.match(/<title>([^<]*)<\/title>/)?.[1], label).toBe(title);
}

/**
 * Signs in as `role` with scripts (the sign-in form's own no-JavaScript path is
 * sign-in.spec.ts), then gives a page of the same session without them, and the
 * scripted one beside it (axe needs scripts: check the same address there).
 */
export async function signedInWithoutScripts(browser: Browser, role: StaffRole) {
  const scripted = await browser.newContext();
  const withJs = await scripted.newPage();
  await signInAs(withJs, role);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await scripted.storageState() });
  const page = await context.newPage();
  const close = async () => {
    await context.close();
    await scripted.close();
  };
  return { page, withJs, close };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, role: StaffRole) {
  await signIn(page, e2eEmail(role), E2E_PASSWORD);
  await expect(page).not.toHaveURL(/sign-in/);
}

/** The database the e2e server runs on (the global set-up writes it to the state file). */
export function e2eDatabaseUrl(): string {
  const file = process.env.E2E_STATE_FILE ?? path.resolve("test-results", "e2e-state.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { databaseUrl: string }).databaseUrl;
}

/**
 * Runs the real CLI (npm run cli) on the e2e database, as operations would, and
 * returns the JSON it printed. `env` adds to the environment; with `attempts`
 * above 1 a failed command is run again (another test's draw may hold the
 * sampling lock at the same moment). A failure says what the command printed.
 */
export async function cli(args: string[], { env = {}, attempts = 1 }: { env?: Record<string, string>; attempts?: number } = {}): Promise<unknown> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), ...env },
      maxBuffer: 1 << 24,
    });
    return JSON.parse(stdout);
  } catch (error) {
    if (attempts > 1) return cli(args, { env, attempts: attempts - 1 });
    const printed = (error as { stdout?: string }).stdout ?? "";
    throw new Error(`${args.slice(0, 2).join(" ")} failed: ${printed || (error as Error).message}`);
  }
}

/** One SQL statement on the e2e database (to look at what a user cannot see, or set up what they cannot). */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Adds a user through the real CLI (as operations would), returning the temporary password it printed. */
export async function createUserWithCli(role: StaffRole, label: string): Promise<{ email: string; password: string }> {
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@fieldwork.test`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "users", "create", "--email", email, "--role", role, "--name", `E2E ${label}`],
    {
      env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    },
  );
  const printed = JSON.parse(stdout) as { temporaryPassword: string };
  return { email, password: printed.temporaryPassword };
}

/** The GOV.UK error summary ("There is a problem"), not Next's route announcer, which is also an alert. */
export function errorSummary(page: Page) {
  return page.getByRole("alert").filter({ hasText: "There is a problem" });
}

/** Saves a screenshot for the README and docs/respondent-journey.md (docs/screenshots) when DOCS_SCREENSHOTS is set. */
export async function docShot(page: Page, file: string) {
  if (!process.env.DOCS_SCREENSHOTS) return;
  await page.screenshot({ path: path.join("docs", "screenshots", file), fullPage: true });
}

/** Calling all day, every day (the test may run at night, on a Sunday or a bank holiday), and a break-off resumable after 1 minute. */
export async function allowCallingNow(page: Page) {
  await signInAs(page, "ADMIN");
  await page.goto("/admin/settings/telephone");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Telephone settings");
  await expectAccessible(page);
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    await page.getByLabel(`${day} from`).fill("00:00");
    await page.getByLabel(`${day} until`).fill("24:00");
  }
  await page.getByLabel("No calling on bank holidays (England and Wales)").uncheck();
  await page.getByLabel("Resume a stopped interview after").fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Telephone settings saved")).toBeVisible();
  await expectAccessible(page);
  await page.context().clearCookies();
}

/** Waits until the interview shows a screen (and its keyboard handling has focused the question). */
export async function onScreen(page: Page, screenId: string) {
  await expect(page.locator("[data-screen-id]")).toHaveAttribute("data-screen-id", screenId);
  await expect(page.locator("[data-question-heading]")).toBeFocused();
}

/** Picks the first answer offered on the page and continues (one question online or one screen by telephone). */
export async function answerFirst(page: Page) {
  const radio = page.getByRole("radio");
  const box = page.getByRole("checkbox");
  const text = page.getByRole("textbox");
  if (await radio.count()) await radio.first().check();
  else if (await box.count()) await box.first().check();
  else if (await text.count()) await text.first().fill("Fine");
  await page.getByRole("button", { name: "Continue" }).click();
}
