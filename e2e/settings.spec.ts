import { expect, test } from "@playwright/test";
import { errorSummary, expectAccessible, expectFitsSmallScreen, signInAs } from "./helpers";

// The administrator's settings pages for online follow-up and real-time feedback
// (one shared form, components/admin/SettingsForm.tsx): a wrong value comes
// back with the GOV.UK error pattern and what was typed; a right one is saved
// and shown on the next visit. (The value saved is the one already set: other
// browser tests running beside this one rely on the settings.)
for (const { path, title, field, bad } of [
  { path: "/admin/settings/online", title: "Online survey settings", field: "Number of reminders", bad: "lots" },
  { path: "/admin/settings/feedback", title: "Real-time feedback settings", field: "Working day starts", bad: "9 o'clock" },
]) {
  test(`${title}: a wrong value is explained, a right one is saved`, async ({ page }) => {
    await signInAs(page, "ADMIN");
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const good = await page.getByLabel(field).inputValue();
    expect(good).not.toBe("");
    await page.getByLabel(field).fill(bad);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(errorSummary(page)).toBeVisible();
    await expect(page.getByLabel(field)).toHaveValue(bad);
    await expectAccessible(page);
    await expectFitsSmallScreen(page);

    await page.getByLabel(field).fill(good);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toContainText(`${title} saved`);
    await page.goto(path);
    await expect(page.getByLabel(field)).toHaveValue(good);
  });
}
