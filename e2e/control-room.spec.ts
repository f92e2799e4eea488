import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { frameCsv, type TestClient } from "@/lib/sampling/db/test-frames";
import { allowCallingNow, cli as runCli, expectAccessible, onScreen, signIn, signInAs, sql } from "./helpers";
import { E2E_PASSWORD, e2eEmail } from "./users";

// The control room (issue 15) in the browser: a supervisor watches the live
// overview while an interviewer completes one interview in a cell with a target
// of 1. The interviewer is one of this test's own (the cati tests use the shared
// one, and a held case would come back to them first).

// Years of its own (other specs draw CMS months of theirs: a shared month would be SAMPLE_EXISTS).
const YEAR = 2050 + Math.floor(Math.random() * 14);

/** The CLI, run once more when it fails (another test's draw may hold the sampling lock at the same moment). */
const cli = (args: string[]) => runCli(args, { attempts: 2 });

/** An interviewer of this test's own, signed in with the e2e password (no first-sign-in change). */
async function ownInterviewer(): Promise<string> {
  const email = `control-${Date.now()}-${Math.floor(Math.random() * 1e6)}@fieldwork.test`;
  await cli(["users", "create", "--email", email, "--role", "INTERVIEWER", "--name", "Control room interviewer"]);
  await sql(`UPDATE "User" SET "passwordHash" = (SELECT "passwordHash" FROM "User" WHERE "email" = $2), "mustChangePassword" = false WHERE "email" = $1`, [
    email,
    e2eEmail("INTERVIEWER"),
  ]);
  return email;
}

async function takeNextCase(page: Page, sample: string): Promise<"Arrears" | "New application"> {
  await page.goto("/interviewer");
  await page.getByLabel("Sample to work").selectOption({ label: sample });
  await page.getByRole("button", { name: "Take next case" }).click();
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  return (await page.locator(".govuk-summary-list").getByText("Arrears", { exact: true }).count()) > 0 ? "Arrears" : "New application";
}

test("a supervisor watches the control room while an interviewer fills a cell of target 1; the next case comes from the other cell", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await allowCallingNow(page);
  // Two cells (arrears, new application) of two cases each.
  const month = `${YEAR}-07`;
  const p = `CTRL${Date.now().toString(36)}`;
  const clients: TestClient[] = Array.from({ length: 4 }, (_, i) => ({
    ref: `${p}-${i}`,
    date: `${month}-1${i}`,
    reason: i % 2 ? "ARREARS" : "NEW_APPLICATION",
  }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), "control-e2e-")), "frame.csv");
  writeFileSync(file, frameCsv(clients));
  await cli(["frame", "import", file]);
  await cli(["sample", "draw", "--survey", "CMS", "--month", month, "--size", "4", "--seed", "1", "--mode", "PHONE"]);
  const sample = `CMS ${month}`;
  const interviewer = await ownInterviewer();

  // The supervisor, in a browser of their own, sets a target of 1 in each cell and opens the control room.
  const supervisorContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const sup = await supervisorContext.newPage();
  await signInAs(sup, "SUPERVISOR");
  await sup.goto("/supervisor/quotas");
  await sup.getByLabel("Sample", { exact: true }).selectOption({ label: `${sample} (no quota yet)` });
  await sup.getByRole("button", { name: "Show" }).click();
  await sup.getByLabel("Total target of completed interviews").fill("2");
  await sup.getByLabel(/^Equally/).check();
  await sup.getByRole("button", { name: "Set quota targets" }).click();
  await expect(sup.getByText("Targets set for 2 cells.")).toBeVisible();

  await sup.getByRole("link", { name: "Control room" }).click();
  await expect(sup.getByRole("heading", { level: 1 })).toHaveText("Control room");
  const section = sup.getByRole("region", { name: sample, exact: true });
  const cells = section.getByRole("table", { name: `Quota cells, ${sample}` });
  const todayPoint = section.getByTestId("today-point");
  // the figures are shared by all supervisors and at most a refresh or two old
  await expect(cells.getByRole("row", { name: /arrears/i })).toContainText("Open", { timeout: 15_000 });
  await expect(cells.getByRole("row", { name: /new application/i })).toContainText("Open");
  await expect(todayPoint).toHaveAttribute("data-cumulative", "0");
  await expect(section.getByText("No completes in the last 7 days")).toBeVisible();
  await expectAccessible(sup);
  // Marks this page load: a reload would lose it.
  await sup.evaluate(() => ((window as unknown as { watching: boolean }).watching = true));

  // The interviewer completes one interview.
  await signIn(page, interviewer, E2E_PASSWORD);
  await expect(page).not.toHaveURL(/sign-in/);
  const firstCell = await takeNextCase(page, sample);
  await page.getByRole("button", { name: "Start interview" }).click();
  await onScreen(page, "INTRO");
  await page.keyboard.press("Enter");
  await onScreen(page, "CONFIDENTIALITY");
  await page.keyboard.press("Enter");
  await onScreen(page, "CMS_SAT");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  for (const id of [
    "CMS_CS_POLITE",
    "CMS_CS_COURTESY",
    "CMS_CS_SENSITIVE",
    "CMS_CS_IMPARTIAL",
    "CMS_CS_WRITTEN",
    "CMS_CS_KNOWLEDGE",
    "CMS_CS_UNDERSTOOD",
    "CMS_CS_INFORMED",
  ]) {
    await onScreen(page, id);
    await page.keyboard.press("2");
    await page.keyboard.press("Enter");
  }
  await onScreen(page, "THANK_YOU");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Complete \(1\.1\)/)).toBeVisible();

  // Within a few seconds, without a reload: the cell is full and the chart's today point has moved.
  const otherCell = firstCell === "Arrears" ? "New application" : "Arrears";
  await expect(cells.getByRole("row", { name: new RegExp(firstCell, "i") })).toContainText("Full", { timeout: 15_000 });
  await expect(cells.getByRole("row", { name: new RegExp(otherCell, "i") })).toContainText("Open");
  await expect(todayPoint).toHaveAttribute("data-cumulative", "1");
  await expect(section.getByRole("row", { name: /^Today/ })).toContainText("1");
  expect(await sup.evaluate(() => (window as unknown as { watching?: boolean }).watching)).toBe(true);
  await expectAccessible(sup);

  // The interviewer's next case comes from the other cell.
  expect(await takeNextCase(page, sample)).toBe(otherCell);

  // The supervisor sees them holding it, and the outcome rates with their formulas.
  await sup.getByRole("link", { name: "Interviewers today and this week" }).click();
  await expect(sup.getByTestId("interviewers-today").getByRole("row", { name: /Control room interviewer/ })).toContainText(sample);
  await expectAccessible(sup);
  await supervisorContext.close();
});
