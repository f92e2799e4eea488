import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { frameCsv, type TestClient } from "@/lib/sampling/db/test-frames";
import { answerFirst, cli as runCli, docShot, errorSummary, expectAccessible, oncePerKind, signedInWithoutScripts, signInAs, sql } from "./helpers";

// The online questionnaire (issue 13) as a respondent meets it: with JavaScript
// switched off, from the link or access code an invitation carried. Samples are
// drawn and invited through the real CLI (frame import, sample draw --mode
// ONLINE, invitations send, outbox list) against the e2e database; the local
// outbox (no GOV.UK Notify key) holds the messages.
test.use({ javaScriptEnabled: false });
// Each test seeds through four CLI runs (tsx start-up each), so allow for a busy machine.
// Whole online interviews with an axe scan of every page: 3 minutes ran out at load 10-18 on the shared 2-core machine.
test.describe.configure({ timeout: 360_000 });

// Years of its own (other specs draw CMS months of theirs: a shared month would be SAMPLE_EXISTS).
const YEAR = 2080 + Math.floor(Math.random() * 10);

/** The CLI with GOV.UK Notify unset: the test's own local Notify, or none. */
const cli = (args: string[]) => runCli(args, { env: { NOTIFY_API_KEY: "" } });

interface OutboxMessage {
  caseId: string;
  channel: string;
  kind: string;
  to: string;
  link: string | null;
  accessCode: string | null;
}

/** Imports one CMS client with a contact in `month`, draws an ONLINE sample, sends the invitation; returns the outbox message. */
async function invite(month: string, client: Partial<TestClient> = {}): Promise<OutboxMessage> {
  const ref = `CAWI${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cawi-e2e-")), "frame.csv");
  writeFileSync(file, frameCsv([{ ref, date: `${month}-12`, email: `${ref.toLowerCase()}@example.com`, ...client }]));
  await cli(["frame", "import", file]);
  const drawn = (await cli(["sample", "draw", "--survey", "CMS", "--month", month, "--size", "1", "--seed", "1", "--mode", "ONLINE"])) as {
    sampleId: string;
    drawn: number;
  };
  expect(drawn.drawn).toBe(1);
  const sent = (await cli(["invitations", "send", "--sample", drawn.sampleId])) as { sent: number; skipped: unknown[] };
  expect(sent).toEqual({ sent: 1, skipped: [] });
  const { messages } = (await cli(["outbox", "list", "--sample", drawn.sampleId])) as { messages: OutboxMessage[] };
  expect(messages).toHaveLength(1);
  return messages[0];
}

/** The link's path on the test server (the outbox holds the configured public address). */
const linkPath = (m: OutboxMessage) => new URL(m.link!).pathname;

/**
 * axe and scrollWidth need JavaScript: load the same address (the state is the
 * cookie and the address; a GET changes nothing) in a copy of the context with
 * JavaScript on, and check it there.
 */
async function inScriptedCopy(page: Page, check: (copy: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const context = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: true, storageState: await page.context().storageState(), viewport });
  try {
    const copy = await context.newPage();
    await copy.goto(page.url());
    await check(copy);
  } finally {
    await context.close();
  }
}

const accessible = (page: Page) => inScriptedCopy(page, expectAccessible);

async function noSidewaysScrolling(page: Page) {
  await inScriptedCopy(
    page,
    async (copy) => {
      expect(await copy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await copy.screenshot({ path: test.info().outputPath(`${new URL(copy.url()).pathname.replaceAll("/", "_")}-320px.png`), fullPage: true });
    },
    { width: 320, height: 640 },
  );
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const cont = (page: Page) => page.getByRole("button", { name: "Continue" }).click();

/** From the start page to the overall question, checking each page. */
async function startAndReachOverallQuestion(page: Page) {
  await expect(heading(page)).toHaveText("Child Maintenance customer survey");
  await expect(page.getByRole("heading", { name: "Your answers are confidential" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "You can stop at any time" })).toBeVisible();
  await accessible(page);
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(heading(page)).toHaveText("About this survey");
  await expect(page.getByText("Question 1 of 12", { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(/^Question 1 of 12 /);
  await accessible(page);
  await cont(page);
  await expect(heading(page)).toHaveText("Your answers are confidential");
  await accessible(page);
  await cont(page);
  await expect(heading(page)).toContainText("how satisfied are you with the service");
}

test("a CMS interview completed online with JavaScript off, from the outbox link: Back keeps the answer, 1.1 and a respondent in results; the link then says it is done", async ({
  page,
}) => {
  const message = await invite(`${YEAR}-07`);
  expect(message).toMatchObject({ channel: "email", kind: "invitation" });
  const response = await page.goto(linkPath(message));
  // The link answers with a redirect that sends no Referer; the pages after it hold no token.
  const redirect = await response!.request().redirectedFrom()!.response();
  expect(redirect!.status()).toBe(303);
  expect(redirect!.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response!.headers()["referrer-policy"]).toBe("same-origin");
  await expect(page).toHaveURL(/\/survey$/);
  // No staff navigation, sign-in or personal data on the respondent's pages.
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await expect(page.getByText(message.to)).toHaveCount(0);
  await startAndReachOverallQuestion(page);

  // An answer left out: the GOV.UK error summary, linked to the answer.
  await cont(page);
  await expect(errorSummary(page)).toContainText("Select an answer");
  await expect(page).toHaveTitle(/^Error: /);
  await accessible(page);
  await page.getByLabel("Satisfied", { exact: true }).check();
  await cont(page);
  await expect(heading(page)).toContainText("Was polite and friendly.");
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByLabel("Satisfied", { exact: true })).toBeChecked();
  await cont(page);

  const accessibleKind = oncePerKind(accessible);
  for (let i = 0; i < 12 && !/thank-you/.test(page.url()); i++) {
    await expect(page.getByRole("radio").first()).toBeVisible();
    await accessibleKind(page);
    await page.getByLabel("Agree", { exact: true }).check();
    await cont(page);
  }
  await expect(page).toHaveURL(/\/survey\/thank-you$/);
  await expect(heading(page)).toHaveText("Thank you for taking part");
  await accessible(page);

  const [row] = await sql<{ disposition: string; final: boolean; mode: string; interviewerId: string | null }>(
    `SELECT sc."disposition", sc."final", ca."mode"::text AS "mode", ca."interviewerId"::text AS "interviewerId"
     FROM "SampleCase" sc JOIN "CallAttempt" ca ON ca."sampleCaseId" = sc."id" WHERE sc."id" = $1::uuid ORDER BY ca."id" DESC LIMIT 1`,
    [message.caseId],
  );
  expect(row).toEqual({ disposition: "1.1", final: true, mode: "ONLINE", interviewerId: null });
  const [respondent] = await sql<{ mode: string; sat: string }>(
    `SELECT "mode"::text AS "mode", "answers"->>'CMS_SAT' AS "sat" FROM "SurveyRespondent" WHERE "respondentRef" = $1`,
    [`case-${message.caseId}`],
  );
  expect(respondent).toEqual({ mode: "ONLINE", sat: "SATISFIED" });
  // The telephone script's words are for reading out: the online wording is a version of its own.
  const [started] = await sql<{ versionId: string; mode: string }>(
    `SELECT "versionId", "mode"::text AS "mode" FROM "Response" WHERE "sampleCaseId" = $1::uuid`,
    [message.caseId],
  );
  expect(started).toEqual({ versionId: "CMS-2015ONLINE", mode: "ONLINE" });

  // A second visit to the link.
  await page.goto(linkPath(message));
  await expect(heading(page)).toHaveText("You have already completed this survey");
  await accessible(page);
});

test("a CES quarter drawn MIXED, invited by a supervisor with the sample page's button, completed online as CES-2023 from the outbox link with JavaScript off", async ({
  browser,
}) => {
  // CES-2023 is the questionnaire for contacts from April 2023 to March 2024.
  const quarter = "2023-Q4";
  const p = `CES${Date.now().toString(36)}`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cawi-e2e-")), "frame.csv");
  writeFileSync(
    file,
    frameCsv([
      { ref: `${p}A`, date: "2023-10-10", email: `${p.toLowerCase()}a@example.com` },
      { ref: `${p}B`, date: "2023-11-11", email: "", phone: "", address: "Y", reason: "CHANGE_OF_CIRCUMSTANCES" },
    ]),
  );
  await cli(["frame", "import", file]);
  const drawn = (await cli(["sample", "draw", "--survey", "CES", "--quarter", quarter, "--size", "2", "--seed", "1"])) as { sampleId: string; drawn: number };
  expect(drawn.drawn).toBe(2);

  // The supervisor signs in (with scripts), then uses the sample page without them.
  const { page: samplePage, close: closeStaff } = await signedInWithoutScripts(browser, "SUPERVISOR");
  await samplePage.goto(`/samples/${drawn.sampleId}`);
  const invitations = samplePage.getByRole("region", { name: "Online invitations" });
  await expect(invitations).toContainText("Online cases not yet invited2");
  await samplePage.getByRole("button", { name: "Send invitations" }).click();
  await expect(samplePage.getByRole("status")).toContainText("2 invitations sent, 0 cases not invited");
  await expect(invitations).toContainText("Invited2");
  await accessible(samplePage);
  await closeStaff();

  const { messages } = (await cli(["outbox", "list", "--sample", drawn.sampleId])) as { messages: OutboxMessage[] };
  expect(messages.map((m) => m.channel).sort()).toEqual(["email", "letter"]);
  const email = messages.find((m) => m.channel === "email")!;
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(linkPath(email));
  await expect(page.getByRole("heading", { name: "Your answers are confidential" })).toBeVisible();
  await docShot(page, "1-start.png");
  await accessible(page);
  await page.getByRole("button", { name: "Start now" }).click();
  const accessibleKind = oncePerKind(accessible);
  for (let i = 0; i < 40 && !/thank-you/.test(page.url()); i++) {
    await expect(heading(page)).toBeVisible();
    if (i === 2) await docShot(page, "2-question.png");
    await accessibleKind(page);
    await answerFirst(page);
  }
  await expect(page).toHaveURL(/\/survey\/thank-you$/);
  await docShot(page, "3-thank-you.png");
  await accessible(page);
  const [row] = await sql<{ disposition: string; version: string; mode: string }>(
    `SELECT sc."disposition", r."versionId" AS "version", r."mode"::text AS "mode" FROM "SampleCase" sc JOIN "Response" r ON r."sampleCaseId" = sc."id" WHERE sc."id" = $1::uuid`,
    [email.caseId],
  );
  expect(row).toEqual({ disposition: "1.1", version: "CES-2023", mode: "ONLINE" });
  await page.close();
});

test("a letter's access code typed at /start opens the survey; a wrong code gets a clear message", async ({ page }) => {
  const message = await invite(`${YEAR}-08`, { email: "", phone: "", address: "Y" });
  expect(message.channel).toBe("letter");
  expect(message.accessCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await page.goto("/start");
  await expect(heading(page)).toHaveText("Enter the access code from your letter");
  await accessible(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Enter the access code from your letter");
  await page.getByLabel("Enter the access code from your letter").fill("AAAA-AAAA-AAAA");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("We could not find a survey for that access code");
  await accessible(page);
  await page.getByLabel("Enter the access code from your letter").fill(message.accessCode!.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/survey$/);
  await startAndReachOverallQuestion(page);
});

test("save, leave and come back: the link resumes at the first unanswered question", async ({ browser }) => {
  const message = await invite(`${YEAR}-09`);
  const first = await browser.newContext({ javaScriptEnabled: false });
  const page = await first.newPage();
  await page.goto(linkPath(message));
  await startAndReachOverallQuestion(page);
  await page.getByLabel("Very Dissatisfied").check();
  await page.getByRole("button", { name: "Save and come back later" }).click();
  await expect(heading(page)).toHaveText("Your answers have been saved");
  await accessible(page);
  await first.close();

  // Another day, another browser: the same link.
  const second = await browser.newContext({ javaScriptEnabled: false });
  const again = await second.newPage();
  await again.goto(linkPath(message));
  await expect(heading(again)).toContainText("Was polite and friendly.");
  await again.getByRole("link", { name: "Back" }).click();
  await expect(again.getByLabel("Very Dissatisfied")).toBeChecked();
  await second.close();
  const [row] = await sql<{ disposition: string; final: boolean }>(`SELECT "disposition", "final" FROM "SampleCase" WHERE "id" = $1::uuid`, [message.caseId]);
  expect(row).toEqual({ disposition: "1.2", final: false });
});

test("withdrawing ('I do not want to take part') ends the invitation and joins the do-not-contact register when asked", async ({ page }) => {
  const message = await invite(`${YEAR}-10`);
  await page.goto(linkPath(message));
  await page.getByRole("link", { name: "I do not want to take part" }).click();
  await expect(heading(page)).toHaveText("I do not want to take part");
  await accessible(page);
  await page.getByLabel("Do not contact me about any Child Maintenance surveys in future").check();
  await page.getByRole("button", { name: "Leave the survey" }).click();
  await expect(heading(page)).toHaveText("You have left the survey");
  await accessible(page);
  const [row] = await sql<{ disposition: string; dnc: boolean }>(
    `SELECT sc."disposition", EXISTS (SELECT 1 FROM "DoNotContactEntry" d WHERE d."clientRef" = fc."clientRef") AS "dnc"
     FROM "SampleCase" sc JOIN "FrameClient" fc ON fc."id" = sc."clientId" WHERE sc."id" = $1::uuid`,
    [message.caseId],
  );
  expect(row).toEqual({ disposition: "2.111", dnc: true });
  await page.goto(linkPath(message));
  await expect(heading(page)).toHaveText("This survey link cannot be used");
});

test("an expired link and an unknown link show the same page, which reveals nothing", async ({ page }) => {
  const message = await invite(`${YEAR}-11`);
  await sql(`UPDATE "Invitation" SET "expiresAt" = now() - interval '1 day' WHERE "sampleCaseId" = $1::uuid`, [message.caseId]);
  const expired = await page.goto(linkPath(message));
  expect(expired?.status()).toBe(200);
  await expect(heading(page)).toHaveText("This survey link cannot be used");
  await accessible(page);
  const expiredText = await page.locator("main").innerText();
  const unknown = await page.goto(`/s/${"x".repeat(43)}`);
  expect(unknown?.status()).toBe(200);
  expect(await page.locator("main").innerText()).toBe(expiredText);
  await page.goto("/s/not-even-a-token");
  expect(await page.locator("main").innerText()).toBe(expiredText);
  // Without a link, the questionnaire page shows the same.
  await page.context().clearCookies();
  await page.goto("/survey");
  expect(await page.locator("main").innerText()).toBe(expiredText);
});

test("at the end of screening in a full quota cell the respondent is thanked and closed as 4.80, on a page that passes axe", async ({ page }) => {
  const message = await invite(`${YEAR}-04`);
  // The case's cell fills after the invitation went out: target 1, reached.
  await sql(
    `INSERT INTO "QuotaCell" ("sampleId", "stratumId", "target", "completes") SELECT "sampleId", "stratumId", 1, 1 FROM "SampleCase" WHERE "id" = $1::uuid`,
    [message.caseId],
  );
  await page.goto(linkPath(message));
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(heading(page)).toHaveText("About this survey");
  await cont(page);
  await expect(heading(page)).toHaveText("Your answers are confidential");
  await cont(page); // the end of screening
  await expect(heading(page)).toHaveText("Thank you");
  await expect(page.getByText("We have now heard from enough people in your group")).toBeVisible();
  await expect(page).toHaveTitle(/^Thank you /);
  await accessible(page);
  const [row] = await sql<{ disposition: string; final: boolean }>(`SELECT "disposition", "final" FROM "SampleCase" WHERE "id" = $1::uuid`, [message.caseId]);
  expect(row).toEqual({ disposition: "4.80", final: true });
  // The link again: the same thanks, no questions.
  await page.goto(linkPath(message));
  await expect(heading(page)).toHaveText("Thank you");
});

/** A browser context whose requests come from an address of their own (the last X-Forwarded-For hop is the one rate limits count). */
async function fromOwnAddress(browser: Browser, serverErrors: string[] = []) {
  const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "X-Forwarded-For": address } });
  context.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });
  return { context, serverErrors };
}

const LOOKUPS_PER_ADDRESS = 30; // lib/http/rate-limit.ts: look-ups per address in 10 minutes
const LIMIT_WINDOW_MS = 600_000; // ... counted in fixed windows: 10:00-10:10, 10:10-10:20, ...

/**
 * Runs `guesses` from an address of their own so that they, and the few requests
 * the test makes after them, fall in one window of the look-up limit: when a
 * window ends while they run (the count starts again and the real code would be
 * let in), they are made again from a new address. In a window's last 40 s it
 * first waits for the next one: the guesses take 5-25 s, and a try that ends
 * with under 30 s left is made again (a wait of 90 s, as this was, cost one run
 * in seven a minute and a half, twice over when both guessing tests met it).
 */
async function guessInOneWindow<T>(browser: Browser, guesses: (context: BrowserContext) => Promise<T>) {
  test.setTimeout(300_000); // up to 40 s waiting for a window, and a second try
  const serverErrors: string[] = [];
  for (let tries = 0; ; tries++) {
    const left = LIMIT_WINDOW_MS - (Date.now() % LIMIT_WINDOW_MS);
    if (left < 40_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
    const window = Math.floor(Date.now() / LIMIT_WINDOW_MS);
    const { context } = await fromOwnAddress(browser, serverErrors);
    const result = await guesses(context);
    const now = Date.now();
    if (Math.floor(now / LIMIT_WINDOW_MS) === window && LIMIT_WINDOW_MS - (now % LIMIT_WINDOW_MS) > 30_000) return { context, serverErrors, result };
    await context.close();
    expect(tries, "the guesses straddled a 10-minute window twice").toBe(0);
  }
}
const wrongLink = () => `/s/${randomBytes(32).toString("base64url")}`;

test("guessing links from one address: every wrong link gets the one generic page, never a 500; past the limit a real link gets the same 'too many attempts' page as a wrong one", async ({
  browser,
}) => {
  const message = await invite(`${YEAR}-06`);
  const odd = ["/s/not-a-token", `/s/${"A".repeat(43)}`, `/s/${"x".repeat(600)}`, "/s/%27%20OR%201%3D1--", "/s/%E2%80%AE"];
  const { context, serverErrors } = await guessInOneWindow(browser, async (context) => {
    for (let i = 0; i < LOOKUPS_PER_ADDRESS; i++) {
      const response = await context.request.get(odd[i] ?? wrongLink(), { maxRedirects: 0 });
      expect(response.status(), odd[i] ?? "a random token").toBe(303);
      expect(response.headers()["location"]).toBe("/survey/unavailable");
    }
  });
  // Past the limit, the real link and a wrong one get the same answer, and the real one is not opened.
  const real = await context.request.get(linkPath(message), { maxRedirects: 0 });
  const wrong = await context.request.get(wrongLink(), { maxRedirects: 0 });
  for (const response of [real, wrong]) {
    expect(response.status()).toBe(303);
    expect(response.headers()["location"]).toBe("/survey/unavailable?reason=busy");
  }
  expect(real.headers()["set-cookie"]).toBe(wrong.headers()["set-cookie"]);
  const [row] = await sql<{ disposition: string; opened: boolean }>(
    `SELECT sc."disposition", i."firstOpenedAt" IS NOT NULL AS "opened" FROM "SampleCase" sc JOIN "Invitation" i ON i."sampleCaseId" = sc."id" WHERE sc."id" = $1::uuid`,
    [message.caseId],
  );
  expect(row).toEqual({ disposition: "3.11", opened: false });

  const page = await context.newPage();
  const shown = await page.goto(linkPath(message));
  expect(shown?.status()).toBe(200);
  await expect(heading(page)).toHaveText("This survey link cannot be used");
  await expect(page.getByText("There have been too many attempts from your connection. Wait 10 minutes and try again.")).toBeVisible();
  await accessible(page);
  const realText = await mainText(page);
  await page.goto(wrongLink());
  expect(await mainText(page)).toBe(realText);
  expect(serverErrors).toEqual([]);
  await context.close();

  // Another address is not held up: the link works there.
  const other = await fromOwnAddress(browser);
  const otherPage = await other.context.newPage();
  await otherPage.goto(linkPath(message));
  await expect(heading(otherPage)).toHaveText("Child Maintenance customer survey");
  await other.context.close();
});

test("guessing access codes at /start from one address: the same message for every wrong code, never a 500; past the limit even the real code gets 'too many attempts', on a page that passes axe", async ({
  browser,
}) => {
  const message = await invite(`${YEAR}-05`, { email: "", phone: "", address: "Y" });
  const randomCode = () => Array.from({ length: 12 }, () => "ACDEFGHJKMNPQRTUVWXYZ234679"[randomInt(27)]).join("");
  const odd = ["' OR 1=1 --", "0000-0000-0000", "\u202eABCD", "ÄÖÜ-ÄÖÜ-ÄÖÜ"];
  const label = "Enter the access code from your letter";
  const {
    context,
    serverErrors,
    result: page,
  } = await guessInOneWindow(browser, async (context) => {
    const page = await context.newPage();
    await page.goto("/start");
    for (let i = 0; i < LOOKUPS_PER_ADDRESS; i++) {
      await page.getByLabel(label).fill(odd[i] ?? randomCode());
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toContainText("We could not find a survey for that access code");
    }
    return page;
  });
  const field = page.getByLabel(label);
  await field.fill(message.accessCode!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("You have tried too many times. Wait 10 minutes and try again");
  await expect(page).toHaveTitle(/^Error: Start the survey/);
  await accessible(page);
  const realText = await mainText(page);
  await field.fill(randomCode());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("You have tried too many times");
  expect(await mainText(page)).toBe(realText);
  const [row] = await sql<{ opened: boolean }>(`SELECT "firstOpenedAt" IS NOT NULL AS "opened" FROM "Invitation" WHERE "sampleCaseId" = $1::uuid`, [
    message.caseId,
  ]);
  expect(row).toEqual({ opened: false });
  expect(serverErrors).toEqual([]);
  await context.close();
});

test("on a 320 px wide phone nothing scrolls sideways", async ({ page }) => {
  const message = await invite(`${YEAR}-12`);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(linkPath(message));
  await noSidewaysScrolling(page);
  await page.getByRole("button", { name: "Start now" }).click();
  await cont(page);
  await cont(page);
  await expect(heading(page)).toContainText("how satisfied are you");
  await noSidewaysScrolling(page);
  await accessible(page);
  await page.screenshot({ path: test.info().outputPath("question-320px.png"), fullPage: true });
  await page.goto("/start");
  await noSidewaysScrolling(page);
});

test("an administrator reads the local outbox: the invitation, its address and its link", async ({ browser }) => {
  const message = await invite("2015-07");
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await signInAs(page, "ADMIN");
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outbox");
  await expect(page.getByText("GOV.UK Notify is not set up")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: message.to });
  await expect(row).toContainText("Email invitation");
  await expect(row.getByRole("link", { name: message.link! })).toBeVisible();
  await expectAccessible(page);
  // The mail house's letter batch.
  await expect(page.getByRole("link", { name: "Download the letter batch for the mail house (CSV)" })).toBeVisible();
  const batch = await page.request.get("/admin/outbox/letters");
  expect(batch.headers()["content-type"]).toContain("text/csv");
  expect((await batch.text()).split("\r\n")[0]).toBe("letter_id,case_id,service,client_ref,kind,access_code,start_url,expiry_date,written_at");
  expect((await page.request.get("/admin/outbox/letters?sample=nonsense")).status()).toBe(400);
  await context.close();
});

/** The words of the page's main content, spaced as read (innerText's line breaks around visually hidden text vary between renders). */
async function mainText(page: Page): Promise<string> {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ").trim();
}
