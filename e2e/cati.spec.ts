import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { frameCsv, type TestClient } from "@/lib/sampling/db/test-frames";
import { allowCallingNow, cli, createUserWithCli, docShot, expectAccessible, onScreen, signIn, signInAs, sql } from "./helpers";

// Telephone interviewing (issue 4) in the browser. The cases come from the real
// CLI (frame import, sample draw) against the e2e database; an administrator sets
// all-day calling hours on the settings page, so the tests pass at any hour.
// Serial: both tests change the same settings and use the one e2e interviewer.
test.describe.configure({ mode: "serial" });

const YEAR = 2016 + Math.floor(Math.random() * 14);

/** Imports `n` CMS telephone clients with contacts in `month` and draws them all, as operations would. */
async function drawPhoneSample(month: string, n: number): Promise<string> {
  const p = `CATI${Date.now().toString(36)}`;
  return drawPhoneClients(
    month,
    Array.from({ length: n }, (_, i) => ({ ref: `${p}-${i}`, date: `${month}-1${i}`, reason: "ARREARS", title: "Ms", firstName: "Alex", lastName: "O'Neill" })),
  );
}

/** Imports these CMS telephone clients (contacts in `month`) and draws them all; returns the sample's name. */
async function drawPhoneClients(month: string, clients: TestClient[]): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cati-e2e-")), "frame.csv");
  writeFileSync(file, frameCsv(clients));
  await cli(["frame", "import", file]);
  const drawn = (await cli(["sample", "draw", "--survey", "CMS", "--month", month, "--size", String(clients.length), "--seed", "1", "--mode", "PHONE"])) as {
    drawn: number;
  };
  expect(drawn.drawn).toBe(clients.length);
  return `CMS ${month}`;
}

/** Tomorrow in UK time: the parts a person types (day, month, year) and the words the app shows ("Thu 3 Dec"). */
function tomorrowInUk() {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short", day: "numeric", month: "numeric", year: "numeric" })
    .formatToParts(new Date(Date.now() + 24 * 3600_000))
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {});
  const monthName = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", month: "short" }).format(new Date(Date.now() + 24 * 3600_000));
  return { day: parts.day, month: parts.month, year: parts.year, words: `${parts.weekday} ${Number(parts.day)} ${monthName}` };
}

async function takeNextCase(page: Page, sample: string) {
  await page.goto("/interviewer");
  await page.getByLabel("Sample to work").selectOption({ label: sample });
  await page.getByRole("button", { name: "Take next case" }).click();
}

test("an interviewer records no answer, takes another case and completes a CMS-2015 interview with the keyboard; the supervisor sees 1.1", async ({ page }) => {
  test.setTimeout(600_000);
  await allowCallingNow(page);
  const sample = await drawPhoneSample(`${YEAR}-04`, 2);

  await signInAs(page, "INTERVIEWER");
  await page.goto("/interviewer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Next case");
  await expectAccessible(page);
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Call the client");
  await expect(page.locator(".govuk-summary-list").getByText("Arrears", { exact: true })).toBeVisible();
  await expect(page.getByText(/Confidentiality|confidential/).first()).toBeVisible();
  // Issue 18: the client's name from the frame, in the case details and the script; no fill left unfilled.
  await expect(page.locator(".govuk-summary-list__row", { hasText: "Client's name" })).toContainText("Ms Alex O'Neill");
  await expect(page.getByText("Ask for Ms Alex O'Neill and check you are speaking to them")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("{{");
  await expect(page.getByTestId("phone-number")).toHaveCount(0);
  // Without JavaScript the reveal is a plain form post (issue 18).
  const noScripts = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScripts.newPage();
  await plain.goto(page.url());
  await plain.getByRole("button", { name: "Show phone number" }).click();
  await expect(plain.getByRole("link", { name: "07700 900123" })).toHaveAttribute("href", "tel:+447700900123");
  await noScripts.close();
  await page.getByRole("button", { name: "Show phone number" }).click();
  await expect(page.getByTestId("phone-number")).toHaveText("07700 900123");
  await expect(page.getByRole("link", { name: "07700 900123" })).toHaveAttribute("href", "tel:+447700900123");
  await expectAccessible(page);
  await docShot(page, "case-screen.png");
  await page.getByLabel("No answer").check();
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByText("Call recorded")).toBeVisible();
  await expect(page.getByText(/No answer \(3\.13\)/)).toBeVisible();
  await expectAccessible(page);

  // The no-answer case waits 3 hours: the next case is the other one.
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  // A fresh case: this call is its first.
  await expect(page.getByRole("table", { name: "Call history" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Call history" }).getByRole("row").nth(1)).toContainText("In progress");
  await page.getByRole("button", { name: "Start interview" }).click();

  await onScreen(page, "INTRO");
  await expect(page.getByText("Ask for Ms Alex O'Neill")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("{{");
  await expectAccessible(page);
  await page.keyboard.press("Enter");
  await onScreen(page, "CONFIDENTIALITY");
  await page.keyboard.press("Enter");
  await onScreen(page, "CMS_SAT");
  await expectAccessible(page);
  await page.keyboard.press("1");
  await expect(page.getByLabel(/Very Satisfied/)).toBeChecked();
  await page.keyboard.press("Enter");
  const statements = [
    "CMS_CS_POLITE",
    "CMS_CS_COURTESY",
    "CMS_CS_SENSITIVE",
    "CMS_CS_IMPARTIAL",
    "CMS_CS_WRITTEN",
    "CMS_CS_KNOWLEDGE",
    "CMS_CS_UNDERSTOOD",
    "CMS_CS_INFORMED",
  ];
  for (const [i, id] of statements.entries()) {
    await onScreen(page, id);
    if (i === 0) {
      // The keys are on the screen, not folded away (issue 18).
      await expect(page.getByTestId("key-legend")).toBeVisible();
      await expect(page.getByTestId("key-legend")).toContainText("R: Refused");
      await expect(page.locator("label", { hasText: "Refused (do not read out)" }).locator("kbd")).toHaveText("R");
      await docShot(page, "interview-keys.png");
    }
    // R is "Refused" on every screen; the rest are answered by number.
    await page.keyboard.press(i === 3 ? "r" : "2");
    await page.keyboard.press("Enter");
  }
  await onScreen(page, "THANK_YOU");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Interview complete")).toBeVisible();
  await expect(page.getByText(/Complete \(1\.1\)/)).toBeVisible();
  await expectAccessible(page);

  await page.goto("/interviewer/my-work");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My work");
  await expect(page.getByRole("row", { name: new RegExp(sample) }).first()).toBeVisible();
  await expectAccessible(page);

  await page.context().clearCookies();
  await signInAs(page, "SUPERVISOR");
  await page.goto("/supervisor");
  const section = page.getByRole("region", { name: sample, exact: true });
  await expect(section.getByRole("table", { name: `Cases by disposition, ${sample}` }).getByRole("row", { name: /1\.1 Complete 1/ })).toBeVisible();
  await expect(section.getByRole("table", { name: `Cases by disposition, ${sample}` }).getByRole("row", { name: /3\.13 No answer 1/ })).toBeVisible();
  await expectAccessible(page);

  // Issue 18: the supervisor finds the completed case and sees its calls and answers (never the phone or name).
  await page.goto("/supervisor/cases");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases");
  await expectAccessible(page);
  await page.getByLabel("Sample").selectOption({ label: sample });
  await page.getByLabel("Disposition").selectOption({ label: "Complete (1.1)" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 case matches" })).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("case-results").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Case CATI/);
  await expect(page.getByTestId("case-history").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("case-history")).toContainText("Interview complete");
  await expect(page.locator(".govuk-summary-list__row", { hasText: "how satisfied" })).toContainText("Very Satisfied");
  await expect(page.locator("main")).not.toContainText("07700");
  await expect(page.locator("main")).not.toContainText("O'Neill");
  await expectAccessible(page);
  await docShot(page, "supervisor-case.png");
});

test("a break-off keeps the answers, and the next contact resumes at the same question", async ({ page }) => {
  test.setTimeout(420_000);
  await allowCallingNow(page);
  const sample = await drawPhoneSample(`${YEAR}-05`, 1);

  await signInAs(page, "INTERVIEWER");
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();
  await page.getByRole("button", { name: "Start interview" }).click();
  await onScreen(page, "INTRO");
  await page.keyboard.press("Enter");
  await onScreen(page, "CONFIDENTIALITY");
  await page.keyboard.press("Enter");
  await onScreen(page, "CMS_SAT");
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
  await onScreen(page, "CMS_CS_POLITE");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await onScreen(page, "CMS_CS_COURTESY");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Client stopped: record a break-off" }).click();
  await expect(page.getByText("Break-off recorded")).toBeVisible();
  // The overall question was answered: a partial (fieldwork.md 1.2).
  await expect(page.getByText(/Partial \(1\.2\)/)).toBeVisible();
  await expectAccessible(page);

  // The next contact: not before the 1-minute delay set above (the sample's one case is not due)...
  await takeNextCase(page, sample);
  await expect(page.getByText("No case is due")).toBeVisible();
  // ...then, the minute gone (moved on in the database rather than waited for), the case comes back.
  const caseId = caseUrl.split("/").pop()!;
  await sql(`UPDATE "SampleCase" SET "nextCallAt" = "nextCallAt" - interval '2 minutes' WHERE "id" = $1::uuid AND "nextCallAt" IS NOT NULL`, [caseId]);
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(caseUrl);
  await expect(page.getByRole("table", { name: "Call history" }).getByText(/Interview started, stopped/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Resume interview" }).click();
  await onScreen(page, "CMS_CS_COURTESY");
  // Earlier answers intact: Back shows them as given.
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await onScreen(page, "CMS_CS_POLITE");
  await expect(page.getByLabel(/Strongly agree/)).toBeChecked();
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await onScreen(page, "CMS_SAT");
  await expect(page.getByLabel(/^2\s*Satisfied/)).toBeChecked();
  await expectAccessible(page);
  // The client stops again and agrees a time to carry on tomorrow (issue 18): booked
  // as this interviewer's appointment, and listed in My work to resume.
  const tomorrow = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
    .formatToParts(new Date(Date.now() + 24 * 3600_000))
    .reduce<Record<string, string>>((parts, p) => ({ ...parts, [p.type]: p.value }), {});
  await page.getByRole("group", { name: "Date to carry on (optional)" }).getByLabel("Day").fill(tomorrow.day);
  await page.getByRole("group", { name: "Date to carry on (optional)" }).getByLabel("Month").fill(tomorrow.month);
  await page.getByRole("group", { name: "Date to carry on (optional)" }).getByLabel("Year").fill(tomorrow.year);
  await page.getByLabel("Time to carry on (optional)").fill("15:30");
  await page.getByRole("button", { name: "Client stopped: record a break-off" }).click();
  await expect(page.getByText(new RegExp(`^Appointment booked for [A-Z][a-z]{2} ${Number(tomorrow.day)} [A-Z][a-z]{2}, 15:30$`))).toBeVisible();
  await expectAccessible(page);
  await page.goto("/interviewer/my-work");
  const toResume = page.getByRole("table", { name: "Interviews waiting to be resumed" });
  const row = toResume.getByRole("row").filter({ hasText: "15:30 (your appointment)" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(` ${Number(tomorrow.day)} `);
  await expect(row).toContainText("Receiving parent");
  await expectAccessible(page);
  await docShot(page, "my-work.png");
});

test("a supervisor sets a quota and watches it live; a client reached in a cell that filled meanwhile is closed politely (4.80)", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await allowCallingNow(page);
  const sample = await drawPhoneSample(`${YEAR}-06`, 2);
  const cellRow = (p: Page) => p.getByTestId("quota-cells").getByRole("row", { name: /Receiving parent, arrears/ });
  const cell = (p: Page, column: string) => cellRow(p).locator(`[data-column="${column}"]`);

  // The supervisor, in a browser of their own, sets a target of 1 for the sample's one cell.
  const supervisorContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const sup = await supervisorContext.newPage();
  await signInAs(sup, "SUPERVISOR");
  await sup.goto("/supervisor/quotas");
  await expect(sup.getByRole("heading", { level: 1 })).toHaveText("Quotas");
  await sup.getByLabel("Sample", { exact: true }).selectOption({ label: `${sample} (no quota yet)` });
  await sup.getByRole("button", { name: "Show" }).click();
  await expect(sup.getByText("This sample has no quota yet")).toBeVisible();
  await expectAccessible(sup);
  await sup.getByLabel("Total target of completed interviews").fill("none");
  await sup.getByRole("button", { name: "Set quota targets" }).click();
  await expect(sup.getByRole("alert").getByText("The total target of completed interviews must be a whole number, like 120")).toBeVisible();
  // Sent back with the error, the form shows what was typed.
  await expect(sup.getByLabel("Total target of completed interviews")).toHaveValue("none");
  await sup.getByLabel("Total target of completed interviews").fill("1");
  await sup.getByRole("button", { name: "Set quota targets" }).click();
  await expect(sup.getByText("Targets set for 1 cell.")).toBeVisible();
  await expect(cell(sup, "target")).toHaveText("1");
  await expect(cell(sup, "remaining")).toHaveText("2");
  await expect(cell(sup, "status")).toContainText("Open");
  await expectAccessible(sup);

  // The interviewer takes a case and starts the interview; the supervisor's page shows it in progress without a reload.
  await signInAs(page, "INTERVIEWER");
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Start interview" }).click();
  await onScreen(page, "INTRO");
  await page.keyboard.press("Enter");
  await onScreen(page, "CONFIDENTIALITY");
  await expect(cell(sup, "in-progress")).toHaveText("1", { timeout: 30_000 });

  // Meanwhile the cell fills: here the supervisor lowers its target to 0.
  await sup.getByLabel(/^Target for /).fill("0");
  await sup.getByRole("button", { name: /^Change target for / }).click();
  await expect(cell(sup, "status")).toContainText("Full");

  // At the end of the introduction the client is thanked and the case closed as 4.80, not a refusal.
  await page.keyboard.press("Enter");
  await expect(page.getByText("Quota full: close the call politely")).toBeVisible();
  await expect(page.getByText(/Quota filled \(4\.80\)/)).toBeVisible();
  await expectAccessible(page);
  // The cell's other case is not offered while the cell is full...
  await takeNextCase(page, sample);
  await expect(page.getByText("No case is due")).toBeVisible();

  // ...until the supervisor raises the target; closing the cell stops it again, reopening gives it back.
  await sup.reload();
  await expect(cell(sup, "in-progress")).toHaveText("0");
  await expect(cell(sup, "remaining")).toHaveText("1");
  await sup.getByLabel(/^Target for /).fill("1");
  await sup.getByRole("button", { name: /^Change target for / }).click();
  await expect(cell(sup, "status")).toContainText("Open");
  // Closing asks first: "No" keeps the cell open, "Yes" closes it.
  await sup.getByRole("button", { name: /^Close cell / }).click();
  await sup.getByRole("button", { name: "No, keep it open" }).click();
  await expect(sup.getByRole("button", { name: /^Close cell / })).toBeVisible();
  await expect(cell(sup, "status")).toContainText("Open");
  await sup.getByRole("button", { name: /^Close cell / }).click();
  await sup.getByRole("button", { name: /^Yes, close / }).click();
  await expect(cell(sup, "status")).toContainText("Closed by a supervisor");
  await expectAccessible(sup);
  await takeNextCase(page, sample);
  await expect(page.getByText("No case is due")).toBeVisible();
  await sup.getByRole("button", { name: /^Reopen / }).click();
  await expect(cell(sup, "status")).toContainText("Open");
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  // The e2e interviewer ends holding no case, so the tests after this one can take theirs.
  await page.getByLabel("No answer").check();
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByText("Call recorded")).toBeVisible();
  await supervisorContext.close();
});

test("an interviewer records an appointment as the call's outcome, and is told in words when it is booked", async ({ page }) => {
  test.setTimeout(240_000);
  await allowCallingNow(page);
  const sample = await drawPhoneSample(`${YEAR}-07`, 1);
  await signInAs(page, "INTERVIEWER");
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  const tomorrow = tomorrowInUk();
  await page.getByLabel(/^Appointment at an agreed time/).check();
  const date = page.getByRole("group", { name: "Appointment date" });
  await date.getByLabel("Day").fill(tomorrow.day);
  await date.getByLabel("Month").fill(tomorrow.month);
  await date.getByLabel("Year").fill(tomorrow.year);
  await page.getByLabel("Appointment time").fill("15:30");
  await page.getByRole("button", { name: "Record outcome" }).click();
  // Issue 18: "Appointment booked for Thu 3 Dec, 15:30", not "Other, eligible (2.36)".
  await expect(page.getByText(`Appointment booked for ${tomorrow.words}, 15:30`, { exact: true })).toBeVisible();
  await expect(page.getByText(/Recorded as Appointment at an agreed time \(2\.36\)/)).toBeVisible();
  await expectAccessible(page);
});

test("a supervisor finds cases by client reference and by the interviewer who called them", async ({ page, browser }) => {
  test.setTimeout(360_000);
  await allowCallingNow(page);
  const month = `${YEAR}-08`;
  const p = `FIND${Date.now().toString(36)}`;
  const sample = await drawPhoneClients(month, [
    { ref: `${p}-A`, date: `${month}-11`, reason: "ARREARS", firstName: "Ada", lastName: "Lovelace" },
    { ref: `${p}-B`, date: `${month}-12`, reason: "ARREARS", firstName: "Bea", lastName: "Lovelace" },
  ]);
  const refOf = async (p2: Page) =>
    (await p2.locator(".govuk-summary-list__row", { hasText: "Client's name" }).textContent())?.includes("Ada") ? `${p}-A` : `${p}-B`;

  // The e2e interviewer calls one case (no answer: it waits 3 hours)...
  await signInAs(page, "INTERVIEWER");
  await takeNextCase(page, sample);
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  const firstRef = await refOf(page);
  await page.getByLabel("No answer").check();
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByText("Call recorded")).toBeVisible();

  // ...and a second interviewer, new today, calls the other.
  const other = await createUserWithCli("INTERVIEWER", `finder${Math.floor(Math.random() * 1e6)}`);
  const otherContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, other.email, other.password);
  await expect(otherPage).toHaveURL(/\/account\/password/);
  await otherPage.getByLabel("Current password").fill(other.password);
  await otherPage.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
  await otherPage.getByLabel("Confirm new password").fill("a much longer passphrase");
  await otherPage.getByRole("button", { name: "Change password" }).click();
  await expect(otherPage).not.toHaveURL(/\/account\/password/);
  await takeNextCase(otherPage, sample);
  await expect(otherPage).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  const secondRef = await refOf(otherPage);
  expect(secondRef).not.toBe(firstRef);
  await otherPage.getByLabel("No answer").check();
  await otherPage.getByRole("button", { name: "Record outcome" }).click();
  await expect(otherPage.getByText("Call recorded")).toBeVisible();
  await otherContext.close();

  await page.context().clearCookies();
  await signInAs(page, "SUPERVISOR");
  await page.goto("/supervisor/cases");
  const results = page.getByTestId("case-results");
  const otherName = (await page.getByLabel("Called by").locator("option").allTextContents()).find((n) => n.startsWith("E2E finder"));
  expect(otherName).toBeDefined();

  // The sample alone: both cases.
  await page.getByLabel("Sample").selectOption({ label: sample });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "2 cases match" })).toBeVisible();

  // By client reference (any case, from any sample; capitals do not matter): the one case.
  await page.getByLabel("Sample").selectOption({ label: "Any sample" });
  await page.getByLabel("Client reference").fill(firstRef.toLowerCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 case matches" })).toBeVisible();
  await expect(results.getByRole("link")).toHaveText(`CMS ${firstRef}`);
  await expectAccessible(page);

  // By the interviewer who called: the new interviewer's one case, in any sample...
  await page.getByLabel("Client reference").fill("");
  await page.getByLabel("Called by").selectOption({ label: otherName! });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 case matches" })).toBeVisible();
  await expect(results.getByRole("link")).toHaveText(`CMS ${secondRef}`);
  await expect(results.getByRole("row").nth(1)).toContainText(otherName!);
  // ...and in this sample, the e2e interviewer's.
  await page.getByLabel("Sample").selectOption({ label: sample });
  await page.getByLabel("Called by").selectOption({ label: "Demo interviewer" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 case matches" })).toBeVisible();
  await expect(results.getByRole("link")).toHaveText(`CMS ${firstRef}`);
  await expectAccessible(page);
  await docShot(page, "case-search.png");

  // The sample's outcome rates: every table, the cases by disposition too, scrolls in its own box at 320 px.
  await page.goto("/supervisor/fieldwork");
  await page.getByRole("link", { name: `Outcome rates and exports for ${sample}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Outcome rates: ${sample}`);
  await expect(page.getByRole("region", { name: `Cases by disposition, ${sample}` }).getByRole("row", { name: /^3\.13 .* 2$/ })).toBeVisible();
  await expectAccessible(page);
});

test("a quota target above what a cell's sample can reach is saved with a warning that gives the numbers", async ({ page }) => {
  test.setTimeout(180_000);
  const sample = await drawPhoneSample(`${YEAR}-09`, 2);
  await signInAs(page, "SUPERVISOR");
  await page.goto("/supervisor/quotas");
  await page.getByLabel("Sample", { exact: true }).selectOption({ label: `${sample} (no quota yet)` });
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByLabel("Total target of completed interviews").fill("2");
  await page.getByRole("button", { name: "Set quota targets" }).click();
  await expect(page.getByText("Targets set for 1 cell.")).toBeVisible();
  const warning = page.getByTestId("quota-target-warning");
  // Within reach: no warning.
  await page.getByLabel(/^Target for /).fill("2");
  await page.getByRole("button", { name: /^Change target for / }).click();
  await expect(page.getByText("Target changed to 2.")).toBeAttached();
  await expect(warning).toHaveCount(0);
  // Two cases to call and none interviewed yet: a target of 5 cannot be reached.
  await page.getByLabel(/^Target for /).fill("5");
  await page.getByRole("button", { name: /^Change target for / }).click();
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("Target changed to 5.");
  await expect(warning).toContainText(
    "The target of 5 is more than this cell can reach: 0 interviews so far and 2 cases still to call, 2 at most. Draw a top-up sample or lower the target.",
  );
  await expect(
    page
      .getByTestId("quota-cells")
      .getByRole("row", { name: /Receiving parent, arrears/ })
      .locator('[data-column="target"]'),
  ).toHaveText("5");
  await expectAccessible(page);
  await docShot(page, "quota-warning.png");
});
