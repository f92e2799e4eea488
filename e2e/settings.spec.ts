import { expect, test } from "@playwright/test";
import { errorSummary, expectAccessible, expectFitsSmallScreen, signInAs } from "./helpers";

// The administrator's settings pages for online follow-up and real-time feedback
// (one shared form, components/admin/SettingsForm.tsx): a wrong value comes
// back with the GOV.UK error pattern and what was typed; a right one is saved
// and shown on the next visit. The test then puts the old value back: the
// settings are shared with the other browser tests (the fields chosen are ones
// they do not depend on for the moment this takes).
for (const { path, title, field, bad } of [
  { path: "/admin/settings/online", title: "Online survey settings", field: "Number of reminders", bad: "lots" },
  { path: "/admin/settings/feedback", title: "Real-time feedback settings", field: "Days before the same client can be asked again", bad: "a week" },
]) {
  test(`${title}: a wrong value is explained, a right one is saved`, async ({ page }) => {
    await signInAs(page, "ADMIN");
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const good = await page.getByLabel(field).inputValue();
    expect(good).toMatch(/^\d+$/);
    await page.getByLabel(field).fill(bad);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(errorSummary(page)).toBeVisible();
    await expect(page.getByLabel(field)).toHaveValue(bad);
    await expectAccessible(page);
    await expectFitsSmallScreen(page);

    // A different whole number within the field's limits (both allow 0 to 5 at least).
    const changed = String(Number(good) >= 5 ? Number(good) - 1 : Number(good) + 1);
    for (const value of [changed, good]) {
      await page.getByLabel(field).fill(value);
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByRole("status")).toContainText(`${title} saved`);
      await page.goto(path);
      await expect(page.getByLabel(field)).toHaveValue(value);
    }
  });
}
