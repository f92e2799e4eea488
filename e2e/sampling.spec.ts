import { expect, test } from "@playwright/test";
import { frameCsv, frameLine, type TestClient } from "@/lib/sampling/db/test-frames";
import { expectAccessible, signInAs } from "./helpers";

test("a supervisor imports a frame with bad rows, sees the errors, previews and draws a sample, and sees the waterfall and strata", async ({ page }) => {
  // A year of its own, so the month is empty before this test.
  const year = 1990 + Math.floor(Math.random() * 20);
  const month = `${year}-03`;
  const p = `E2E${Date.now().toString(36)}`;
  const clients: TestClient[] = [];
  for (let i = 0; i < 24; i++) {
    clients.push({
      ref: `${p}-${i}`,
      date: `${month}-${String(1 + (i % 28)).padStart(2, "0")}`,
      reason: i % 2 === 0 ? "NEW_APPLICATION" : "CHANGE_OF_CIRCUMSTANCES",
      role: i % 3 === 0 ? "PAYING_PARENT" : "RECEIVING_PARENT",
      english: i === 5 ? "N" : "Y",
      phone: i === 7 ? "" : "07700 900123",
    });
  }
  const csv = frameCsv(clients, [
    frameLine({ ref: `${p}-bad-date`, date: `${year}-02-30` }), // line 26
    frameLine({ ref: `${p}-bad-code`, date: `${month}-04`, reason: "HOLIDAY" }), // line 27
  ]);

  await signInAs(page, "SUPERVISOR");
  await page.goto("/frame");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sampling frame");
  await expectAccessible(page);
  await page.getByLabel("Frame file (CSV)").setInputFiles({ name: "frame.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and import" }).click();

  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Frame imported: 24 new clients, 0 updated, 2 rows rejected");
  const errors = page.getByTestId("import-errors");
  await expect(errors.getByRole("row")).toHaveCount(3);
  await expect(errors.getByRole("row").nth(1)).toContainText("26");
  await expect(errors.getByRole("row").nth(1)).toContainText("contact_date");
  await expect(errors.getByRole("row").nth(2)).toContainText("27");
  await expect(errors.getByRole("row").nth(2)).toContainText("contact_reason");
  await expect(errors.getByRole("row").nth(2)).toContainText("HOLIDAY");
  await expect(page.getByRole("link", { name: /Download all 2 problems/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/samples/new");
  await expectAccessible(page);
  await page.getByLabel("Contact month").fill(month);
  await page.getByLabel("Sample size").fill("10");
  await page.getByLabel("Seed (optional)").fill("2015");
  await page.getByRole("button", { name: "Preview counts" }).click();
  const preview = page.getByTestId("preview");
  await expect(preview).toContainText("24 clients had a contact");
  await expect(preview).toContainText("22 are eligible");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/samples\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`CMS sample for ${month}`);
  const waterfall = page.getByTestId("waterfall");
  await expect(waterfall.getByRole("row", { name: /Clients with a contact in the month/ })).toContainText("24");
  await expect(waterfall.getByRole("row", { name: /Non-English speaker/ })).toContainText("1");
  await expect(waterfall.getByRole("row", { name: /No contact details/ })).toContainText("1");
  await expect(waterfall.getByRole("row", { name: /do-not-contact register/ })).toContainText("22");
  const strata = page.getByTestId("strata");
  await expect(strata.getByRole("row", { name: /^Total/ })).toContainText("10");
  await expect(page.getByText("2015", { exact: true })).toBeVisible(); // the seed
  await expectAccessible(page);

  await page.goto("/samples");
  await expect(page.getByTestId("sample-list").getByRole("link", { name: new RegExp(month) })).toBeVisible();
  await expectAccessible(page);
});
