import { expect, test } from "@playwright/test";
import { createUserWithCli, docShot, expectAccessible, signIn, signInAs } from "./helpers";

test("an administrator finds who did what in the audit log, in words, filtered, and downloads it", async ({ page, browser }) => {
  test.slow(); // two people sign in, four searches and a download
  // Someone signs in and is refused a page that is not theirs.
  const user = await createUserWithCli("INTERVIEWER", "auditee");
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, user.email, user.password);
  // Wait for the sign-in to finish (a temporary password leads to the change-password page)
  // before closing the browser, or the request may never reach the server.
  await expect(theirPage).not.toHaveURL(/sign-in/);
  await theirs.close();

  await signInAs(page, "ADMIN");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("Who").selectOption({ label: "E2E auditee" });
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page).toHaveURL(/actor=/);
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "Signed in" })).toHaveCount(1);
  // Words, not codes: no raw action names on the page.
  await expect(page.getByRole("table")).not.toContainText("sign-in");
  await expectAccessible(page);

  // The user's own record: what happened to them, by whom.
  await page.getByLabel("Who").selectOption({ label: "Anyone" });
  await page.getByLabel("What").selectOption({ label: "Added the user" });
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(rows.filter({ hasText: "User: E2E auditee" }).first()).toContainText("Added the user as interviewer");
  await docShot(page, "audit-log.png");

  // A malformed date is named, not a crash.
  await page.getByLabel("From (UK date)").fill("3 Dec");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Enter a date as YYYY-MM-DD");

  // The same events as CSV.
  await page.getByLabel("From (UK date)").fill("");
  await page.getByRole("button", { name: "Show events" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these events as CSV" }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text).toContain("when_utc,who,who_id,action,description");
  expect(text).toContain("Added the user as interviewer");
  expect(text).not.toContain(user.email);
});
