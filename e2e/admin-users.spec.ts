import { expect, test } from "@playwright/test";
import { docShot, errorSummary, expectAccessible, signIn, signInAs } from "./helpers";

test("an admin adds a user, resets their password and deactivates them", async ({ page, browser }) => {
  test.setTimeout(300_000); // two browsers and a dozen pages, on a shared machine
  await signInAs(page, "ADMIN");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add a user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a user" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Add user" }).click();
  await expect(errorSummary(page)).toContainText("Enter the person's full name");
  await expect(errorSummary(page)).toContainText("Choose a role");
  // The GOV.UK error pattern: the title says there is an error.
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);

  // A long address: the temporary-password panel must wrap it at 320 px (expectAccessible checks the width).
  const email = `pat-example.a-rather-long-address-${Date.now()}@fieldwork.test`;
  await page.getByLabel("Full name").fill("Pat Example");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Interviewer").check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: "User added" })).toBeVisible();
  const password = (await page.getByTestId("temporary-password").textContent())!.trim();
  await expectAccessible(page);

  // The same email twice is refused with a message on the field.
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill("Pat Again");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Analyst").check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(errorSummary(page)).toContainText("A user with this email address already exists");

  // Pat signs in in another browser.
  const pat = await (await browser.newContext()).newPage();
  await signIn(pat, email, password);
  await expect(pat).toHaveURL(/\/account\/password/);

  await page.goto("/admin/users");
  const row = page.getByRole("row", { name: /Pat Example/ });
  // Destructive changes ask first; "No" changes nothing.
  await row.getByRole("button", { name: "Reset password for Pat Example" }).click();
  await expect(page.getByRole("heading", { name: "Reset the password of Pat Example?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "No, go back to the list" }).click();
  await expect(page.getByRole("heading", { name: "Reset the password of Pat Example?" })).toHaveCount(0);
  await row.getByRole("button", { name: "Reset password for Pat Example" }).click();
  await page.getByRole("button", { name: "Yes, reset the password of Pat Example" }).click();
  await expect(page.getByRole("status")).toContainText("New temporary password for Pat Example");
  const newPassword = (await page.getByTestId("temporary-password").textContent())!.trim();
  expect(newPassword).not.toBe(password);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to all users" }).click();

  // The reset ended Pat's session.
  await pat.goto("/account/password");
  await expect(pat).toHaveURL(/\/sign-in/);

  await row.getByRole("button", { name: "Deactivate Pat Example" }).click();
  await page.getByRole("button", { name: "Yes, deactivate Pat Example" }).click();
  await expect(page.getByRole("status")).toContainText("Pat Example is now deactivated");
  await page.getByRole("link", { name: "Back to all users" }).click();
  await expect(row.getByText("Deactivated")).toBeVisible();
  await signIn(pat, email, newPassword);
  await expect(errorSummary(pat)).toContainText("Your email address or password is not correct");

  await page.getByRole("link", { name: "Audit log" }).click();
  // In words, with whom it was done to.
  await expect(page.getByRole("row").filter({ hasText: "User: Pat Example" }).filter({ hasText: "Deactivated the user" }).first()).toBeVisible();
  await expectAccessible(page);

  // Issue 18: change the name and role (audited).
  await page.goto("/admin/users");
  await row.getByRole("link", { name: "Change name, email or role of Pat Example" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change Pat Example");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expectAccessible(page);
  await docShot(page, "user-edit.png");
  await page.getByLabel("Full name").fill("Pat Sample");
  await page.getByLabel("Analyst").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changed the name and role of Pat Sample")).toBeVisible();
  // this run's user, by its address: a run before this one on the same database left a Pat Sample too
  await expect(page.getByRole("row", { name: /Pat Sample/ }).filter({ hasText: email })).toContainText("Analyst");
  await expectAccessible(page);
  await page.goto("/admin/audit");
  await expect(page.getByRole("row").filter({ hasText: "Changed the role from interviewer to analyst" }).first()).toBeVisible();
});
