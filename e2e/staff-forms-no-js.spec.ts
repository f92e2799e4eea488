import { expect, test } from "@playwright/test";
import { frameCsv, frameLine, type TestClient } from "@/lib/sampling/db/test-frames";
import { errorSummary, expectAccessible, signIn, signedInWithoutScripts } from "./helpers";

// Issue 18: every staff form works without JavaScript (GOV.UK progressive
// enhancement). Sign-in and sign-out are in sign-in.spec.ts, the phone reveal in
// cati.spec.ts; here the frame upload and the sample preview and draw, adding a
// user, changing a password, the do-not-contact register and the sampling settings.

test("without JavaScript, a supervisor uploads a frame (a missing file is an error), previews and draws a sample", async ({ browser }) => {
  test.setTimeout(180_000);
  const year = 1960 + Math.floor(Math.random() * 25);
  const month = `${year}-05`;
  const p = `NOJS${Date.now().toString(36)}`;
  const clients: TestClient[] = Array.from({ length: 12 }, (_, i) => ({
    ref: `${p}-${i}`,
    date: `${month}-1${i % 10}`,
    reason: "ARREARS",
    phone: i === 3 ? "" : "07700 900123",
  }));
  const csv = frameCsv(clients, [frameLine({ ref: `${p}-bad`, date: `${month}-04`, reason: "HOLIDAY" })]);

  // Sign in with scripts (sign-in without them is sign-in.spec.ts), then carry on without.
  const { page, withJs, close } = await signedInWithoutScripts(browser, "SUPERVISOR");
  // axe and the 320 px check need scripts: check the same address in the page that has them.
  const expectAccessibleAsHere = async () => {
    await withJs.goto(page.url());
    await expectAccessible(withJs);
  };

  await page.goto("/frame");
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page).toHaveURL(/\/frame\?error=file$/);
  await expect(page).toHaveTitle(/^Error: Sampling frame/);
  await expect(errorSummary(page)).toContainText("Choose a CSV file to upload");
  await expect(page.getByRole("link", { name: "Choose a CSV file to upload" })).toHaveAttribute("href", "#file");
  await expectAccessibleAsHere();

  await page.getByLabel("Frame file (CSV)").setInputFiles({ name: `${p}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page).toHaveURL(/\/frame\/imports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Import of ${p}.csv`);
  const summary = page.locator(".govuk-summary-list");
  await expect(summary.locator(".govuk-summary-list__row", { hasText: "New clients" })).toContainText("12");
  await expect(summary.locator(".govuk-summary-list__row", { hasText: "Rows rejected" })).toContainText("1");
  await expect(page.getByTestId("import-errors")).toContainText("HOLIDAY");
  await expectAccessibleAsHere();

  // Every field is on the page without scripts; the survey's own ones are used.
  await page.goto("/samples/new");
  await expect(page.getByLabel("Contact quarter (CES)")).toBeVisible();
  await page.getByLabel("Contact month (CMS and Options)").fill(month);
  await page.getByRole("button", { name: "Preview counts" }).click();
  await expect(errorSummary(page)).toContainText("Enter the sample size");
  await expect(page).toHaveTitle(/^Error: Draw a sample/);
  await expect(page.getByLabel("Contact month (CMS and Options)")).toHaveValue(month);
  // The same form with scripts (a posted preview has no address of its own): the error takes focus and the title.
  await withJs.goto("/samples/new");
  await withJs.getByLabel("Contact month").fill(month);
  await withJs.getByRole("button", { name: "Preview counts" }).click();
  await expect(errorSummary(withJs)).toContainText("Enter the sample size");
  await expect(withJs.locator(".govuk-error-summary")).toBeFocused();
  await expect(withJs).toHaveTitle(/^Error: Draw a sample/);
  await expectAccessible(withJs);

  await page.getByLabel(/^Sample size/).fill("5");
  await page.getByLabel("Seed (optional)").fill("7");
  await page.getByRole("button", { name: "Preview counts" }).click();
  const preview = page.getByTestId("preview");
  await expect(preview).toContainText("12 clients had a contact");
  await expect(preview).toContainText("11 are eligible");
  await expect(page.getByLabel(/^Sample size/)).toHaveValue("5");

  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/samples\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`CMS sample for ${month}`);
  await expect(page).toHaveTitle("Sample – Fieldwork");
  await expect(page.getByTestId("strata").getByRole("row", { name: /^Total/ })).toContainText("5");
  await expectAccessibleAsHere();
  await close();
});

test("without JavaScript, a page the role may not use says so (403), and a record that does not exist says so (404)", async ({ browser }) => {
  const { page, withJs, close } = await signedInWithoutScripts(browser, "INTERVIEWER");

  const refused = await page.goto("/supervisor/quotas");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access");
  await expect(page).toHaveTitle("You do not have access – Fieldwork");
  await expect(page.getByRole("main")).toContainText("ask an administrator to change your role");
  // Inside the service's own page: the navigation is there to go on from.
  await expect(page.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  const missing = await page.goto("/interviewer/cases/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page).toHaveTitle("Page not found – Fieldwork");

  // A malformed id is "Page not found" too, not an error.
  const malformed = await page.goto("/interviewer/cases/not-an-id");
  expect(malformed?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page).toHaveTitle("Page not found – Fieldwork");

  // The same two pages with scripts on look the same and pass axe.
  await withJs.goto("/supervisor/quotas");
  await expect(withJs.getByRole("heading", { level: 1 })).toHaveText("You do not have access");
  await expect(withJs).toHaveTitle("You do not have access – Fieldwork");
  await expectAccessible(withJs);
  await withJs.goto("/interviewer/cases/00000000-0000-4000-8000-000000000000");
  await expect(withJs.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(withJs);
  await close();
});

test("without JavaScript, an administrator adds a user, who signs in and changes their temporary password", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, close } = await signedInWithoutScripts(browser, "ADMIN");
  await page.goto("/admin/users/new");
  // Sent back with its errors, the form keeps what was typed.
  await page.getByLabel("Full name").fill("Robin No-Script");
  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(errorSummary(page)).toContainText("Enter an email address in the correct format");
  await expect(errorSummary(page)).toContainText("Choose a role");
  // The GOV.UK error pattern without scripts too: the title says there is an error.
  await expect(page).toHaveTitle("Error: Add a user – Fieldwork");
  await expect(page.getByLabel("Full name")).toHaveValue("Robin No-Script");
  await expect(page.getByLabel("Email address")).toHaveValue("not an address");

  const email = `robin-${Date.now().toString(36)}@fieldwork.test`;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Analyst").check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: "User added" })).toBeVisible();
  const temporary = (await page.getByTestId("temporary-password").textContent())!.trim();
  await close();

  // Robin, without JavaScript from the start: sign in, then the password must change first.
  const robin = await browser.newContext({ javaScriptEnabled: false });
  const own = await robin.newPage();
  await signIn(own, email, temporary);
  await expect(own).toHaveURL(/\/account\/password/);
  await own.getByLabel("Current password").fill(temporary);
  await own.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
  await own.getByLabel("Confirm new password").fill("not the same passphrase");
  await own.getByRole("button", { name: "Change password" }).click();
  await expect(errorSummary(own)).toContainText("The passwords do not match");
  await expect(own).toHaveTitle("Error: Change your password – Fieldwork");
  // Passwords are never sent back into the form.
  await expect(own.getByLabel("Current password")).toHaveValue("");
  await own.getByLabel("Current password").fill(temporary);
  await own.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
  await own.getByLabel("Confirm new password").fill("a much longer passphrase");
  await own.getByRole("button", { name: "Change password" }).click();
  await expect(own).toHaveURL(/\/results$/);
  await expect(own.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await robin.close();
});

test("without JavaScript, a supervisor adds a client to the do-not-contact register and takes them off; an administrator saves the sampling settings", async ({
  browser,
}) => {
  const { page, withJs, close } = await signedInWithoutScripts(browser, "SUPERVISOR");
  const ref = `NOJS-DNC-${Date.now().toString(36)}`;
  await page.goto("/frame/do-not-contact");
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add to the register" }) });
  await add.getByLabel("Child Maintenance Options").check();
  await add.getByLabel("Client reference").fill(ref);
  await add.getByRole("button", { name: "Add to the register" }).click();
  await expect(errorSummary(page)).toContainText("Enter the reason");
  await expect(add.getByLabel("Child Maintenance Options")).toBeChecked();
  await expect(page).toHaveTitle("Error: Do-not-contact register – Fieldwork");
  await expect(add.getByLabel("Client reference")).toHaveValue(ref);
  await add.getByLabel("Reason").fill("Asked not to be called, by letter");
  await add.getByRole("button", { name: "Add to the register" }).click();
  await expect(page.getByText(`OPTIONS client ${ref} added to the register.`)).toBeVisible();
  await expect(page).toHaveTitle("Do-not-contact register – Fieldwork");
  await expect(page.getByRole("row").filter({ hasText: ref })).toContainText("Asked not to be called, by letter");
  // The form stays on the service just used, ready for the next client of it.
  await expect(add.getByLabel("Child Maintenance Options")).toBeChecked();
  await expect(add.getByLabel("Client reference")).toHaveValue("");

  const remove = page.locator("form").filter({ has: page.getByRole("button", { name: "Remove from the register" }) });
  await remove.getByLabel("Child Maintenance Options").check();
  await remove.getByLabel("Client reference").fill(ref);
  await remove.getByLabel("Why they can be contacted again").fill("Wrote again to say calls are fine");
  await remove.getByRole("button", { name: "Remove from the register" }).click();
  await expect(page.getByText(`OPTIONS client ${ref} removed from the register.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: ref })).toHaveCount(0);
  // The same page with scripts, and its errors, pass axe.
  await withJs.goto("/frame/do-not-contact");
  await withJs.getByRole("button", { name: "Add to the register" }).click();
  await expect(errorSummary(withJs)).toContainText("Enter the client reference");
  await expectAccessible(withJs);
  await close();

  // Saved as it stands (ticking it would stop other tests' interviewers drawing): an unticked box posts nothing, and stays unticked.
  const admin = await signedInWithoutScripts(browser, "ADMIN");
  await admin.page.goto("/samples/settings");
  const box = admin.page.getByLabel("Only supervisors may draw samples");
  await expect(box).not.toBeChecked();
  await admin.page.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.page.getByText("Settings saved.")).toBeVisible();
  await expect(box).not.toBeChecked();
  await admin.withJs.goto("/samples/settings");
  await expectAccessible(admin.withJs);
  await admin.close();
});

test("without JavaScript, a form sent back with errors shows what was typed, not what is stored: telephone settings and a user's details", async ({
  browser,
}) => {
  const { page, close } = await signedInWithoutScripts(browser, "ADMIN");
  await page.goto("/admin/settings/telephone");
  const stored = await page.getByLabel("Try again after no answer").inputValue();
  const typed = String(Number(stored) + 7);
  const bankHolidays = page.getByLabel("No calling on bank holidays (England and Wales)");
  const closedOnBankHolidays = await bankHolidays.isChecked();
  await page.getByLabel("Maximum calls per case").fill("many");
  await page.getByLabel("Try again after no answer").fill(typed);
  await bankHolidays.setChecked(!closedOnBankHolidays);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await expect(page).toHaveTitle("Error: Telephone settings – Fieldwork");
  await expect(page.getByLabel("Maximum calls per case")).toHaveValue("many");
  await expect(page.getByLabel("Try again after no answer")).toHaveValue(typed);
  await expect(bankHolidays).toBeChecked({ checked: !closedOnBankHolidays });
  // Nothing was saved.
  await page.goto("/admin/settings/telephone");
  await expect(page.getByLabel("Try again after no answer")).toHaveValue(stored);
  await expect(bankHolidays).toBeChecked({ checked: closedOnBankHolidays });

  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Change name, email or role of Demo analyst" }).click();
  await page.getByLabel("Full name").fill("Demo analyst, renamed");
  await page.getByLabel("Email address").fill("no at sign");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(errorSummary(page)).toContainText("Enter an email address in the correct format");
  await expect(page.getByLabel("Full name")).toHaveValue("Demo analyst, renamed");
  await expect(page.getByLabel("Email address")).toHaveValue("no at sign");
  await expect(page.getByLabel("Analyst")).toBeChecked();
  await close();
});
