import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fileText, syntheticCes, targetsText } from "@/lib/results/synthetic-file";
import { categoryLabel } from "@/lib/results/labels";
import { cli, docShot, expectAccessible, signInAs } from "./helpers";

// An analyst imports a small CES file and population targets through the import
// page, opens the results, and sees the same raked estimate as
// `npm run cli -- results ... --weights rake --targets FILE` prints for the same request.

test("an analyst imports responses and targets, and the results page shows what the CLI prints", async ({ page }) => {
  test.setTimeout(240_000); // the chart and download checks after the results; a loaded shared machine needs the room
  const run = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const ces = syntheticCes(400, 4242, 400_000, `E2E${run}`);
  const setName = `E2E targets ${run}`;
  const dir = mkdtempSync(path.join(tmpdir(), "fw-e2e-results-"));
  const targetsFile = path.join(dir, "targets.csv");
  writeFileSync(targetsFile, targetsText(ces.targetRows));

  await signInAs(page, "ANALYST");
  await page.goto("/results/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import responses and targets");
  await expectAccessible(page);

  // A row with an unknown answer code is rejected with its line and column; the rest are imported.
  const bad = { ...ces.rows[0], respondent_ref: `E2E${run}-BAD`, CES_SAT: "DELIGHTED" };
  await page
    .getByLabel("Responses file (CSV)")
    .setInputFiles({ name: "ces-e2e.csv", mimeType: "text/csv", buffer: Buffer.from(fileText({ header: ces.header, rows: [...ces.rows, bad] })) });
  await page.getByRole("button", { name: "Import responses" }).click();
  await expect(page.getByTestId("import-result")).toContainText("400 inserted, 0 updated, 0 unchanged, 1 rejected");
  const errors = page.getByTestId("row-errors");
  await expect(errors.getByRole("row").nth(1)).toContainText("402");
  await expect(errors.getByRole("row").nth(1)).toContainText("CES_SAT");
  await expect(errors.getByRole("row").nth(1)).toContainText("DELIGHTED");
  await expectAccessible(page);

  // The import is kept with its errors.
  await page.reload();
  await page.getByRole("link", { name: "ces-e2e.csv" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import of ces-e2e.csv");
  await expect(page.getByTestId("row-errors")).toContainText("DELIGHTED");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to imports" }).click();

  // The same file again with one respondent's answer corrected: that one is updated, the rest are left as they were.
  const corrected = ces.rows.map((r, i) => (i === 7 ? { ...r, CES_SAT: r.CES_SAT === "DK" ? "SATISFIED" : "DK" } : r));
  await page
    .getByLabel("Responses file (CSV)")
    .setInputFiles({ name: "ces-e2e-corrected.csv", mimeType: "text/csv", buffer: Buffer.from(fileText({ header: ces.header, rows: [...corrected, bad] })) });
  await page.getByRole("button", { name: "Import responses" }).click();
  await expect(page.getByTestId("import-result")).toContainText("0 inserted, 1 updated, 399 unchanged, 1 rejected");
  await page.reload();
  const listed = page.getByRole("row").filter({ has: page.getByRole("link", { name: "ces-e2e-corrected.csv" }) });
  // When, by, outcome, then inserted, updated, unchanged and rejected.
  await expect(listed.getByRole("cell")).toHaveText([/.+/, /.+/, "COMPLETED", "0", "1", "399", "1"]);

  await page.getByLabel("Name").fill(setName);
  await page.getByLabel("Targets file (CSV)").setInputFiles({ name: "targets.csv", mimeType: "text/csv", buffer: readFileSync(targetsFile) });
  await page.getByRole("button", { name: "Upload targets" }).click();
  await expect(page.getByText(`Targets "${setName}" saved: ${ces.targetRows.length} rows.`)).toBeVisible();

  // The results form, as a person would fill it in.
  await page.getByRole("link", { name: "Back to results" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results");
  // The measure list follows the survey shown (other tests may have put CMS
  // respondents first): choose the survey and show it, as the hint says.
  await page.getByLabel("Survey").selectOption("CES");
  await page.getByRole("button", { name: "Show results" }).click();
  await expect(page).toHaveURL(/survey=CES/);
  await page.getByLabel("Measure").selectOption("CES_SAT");
  await page.getByLabel("Breakdown").selectOption("role");
  await page.getByLabel("Weighting", { exact: true }).selectOption("rake");
  await page.getByLabel("Population targets").selectOption(setName);
  // The first half of this file's year (April to September 2023): e2e/cawi.spec.ts
  // completes CES interviews online for the quarter October to December 2023,
  // and a completed interview belongs to its sample's contact months (issue 18),
  // not to today; those respondents are not this file's (and have no length of
  // service, one of the raking margins).
  await page.getByLabel("From month").fill("2023-04");
  await page.getByLabel("To month").fill("2023-09");
  await page.getByRole("button", { name: "Show results" }).click();
  await expect(page).toHaveURL(/weights=rake/);
  await expect(page.getByTestId("headline-estimate")).toBeVisible();
  await expectAccessible(page);

  const printed = (await cli([
    "results",
    "--survey",
    "CES",
    "--measure",
    "CES_SAT",
    "--from",
    "2023-04",
    "--to",
    "2023-09",
    "--by",
    "role",
    "--weights",
    "rake",
    "--targets",
    targetsFile,
  ])) as {
    overall: { base: number; estimate: number; ci95: [number, number] };
    groups: { category: string; base: number; estimate: number }[];
  };
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  await expect(page.getByTestId("headline-estimate")).toHaveText(pct(printed.overall.estimate));
  await expect(page.getByTestId("headline-base")).toHaveText(String(printed.overall.base));
  await expect(page.getByTestId("headline-ci")).toHaveText(`${pct(printed.overall.ci95[0])} to ${pct(printed.overall.ci95[1])}`);
  for (const g of printed.groups) {
    // Issue 18: categories in words ("Receiving parent"), not codes (RECEIVING_PARENT).
    const row = page.getByTestId("breakdown-table").getByRole("row", { name: new RegExp(`^${categoryLabel("CES", "role", g.category)}\\b`) });
    await expect(row).toContainText(pct(g.estimate));
    await expect(row).toContainText(String(g.base));
  }
  // The JSON twin of the page is the CLI's JSON.
  const twin = await page.request.get(
    `/api/results/json?survey=CES&measure=CES_SAT&from=2023-04&to=2023-09&by=role&weights=rake&targetSet=${encodeURIComponent(setName)}`,
  );
  expect(((await twin.json()) as { overall: { estimate: number } }).overall.estimate).toBe(printed.overall.estimate);
  // Downloads: published-style tables and pseudonymised respondents (no respondent_ref).
  const tables = await page.request.get(
    `/api/results/export?survey=CES&from=2023-04&to=2023-09&weights=rake&targetSet=${encodeURIComponent(setName)}&kind=tables&format=csv`,
  );
  expect(tables.headers()["content-type"]).toContain("text/csv");
  expect(await tables.text()).toContain("measure,breakdown,category,category_label,base,estimate");
  const respondents = await page.request.get("/api/results/export?survey=CES&kind=respondents&format=csv");
  const respondentsCsv = await respondents.text();
  expect(respondentsCsv.startsWith("respondent_id,survey,")).toBe(true);
  expect(respondentsCsv).not.toContain(`E2E${run}`);
  await expect(page.getByTestId("diagnostics")).toContainText("Kish design effect");
  await expect(page.getByRole("heading", { name: "Key drivers of overall satisfaction" })).toBeVisible();

  // Issue 18: words, not codes, in every table on the page (the interchange codes stay in the downloads' code columns).
  await expect(page.getByTestId("breakdown-table")).not.toContainText(/RECEIVING_PARENT|PAYING_PARENT/);
  await expect(page.getByTestId("breakdown-table")).toContainText("Receiving parent");
  await expect(page.getByTestId("distribution-table")).not.toContainText(/VERY_SATISFIED/);
  await expect(page.getByTestId("distribution-table")).toContainText(/Very satisfied/i);
  const driverItems = await page.getByTestId("drivers-table").getByRole("rowheader").allInnerTexts();
  expect(driverItems.length).toBeGreaterThan(0);
  for (const item of driverItems) expect(item.split("\n")[0]).not.toMatch(/^[A-Z0-9_:]+$/); // the statement, its id only as a caption under it
  // The headline question is whole (it was cut off with an ellipsis).
  await expect(page.getByRole("heading", { level: 2 }).first()).not.toContainText("…");
  // Charts: every axis label inside its chart, none cut at an edge, and in the page's sans-serif typeface.
  await page.waitForFunction(() => document.querySelectorAll(".fw-chart svg").length >= 3);
  const ticks = await page.evaluate(() =>
    [...document.querySelectorAll(".fw-chart")].flatMap((chart) => {
      const box = chart.querySelector("svg")!.getBoundingClientRect();
      // recharts 3 draws the axis labels in their own layer (recharts-cartesian-axis-tick-labels)
      return [...new Set(chart.querySelectorAll(".recharts-cartesian-axis-tick-labels text, .recharts-cartesian-axis-tick text"))].map((t) => {
        const r = t.getBoundingClientRect();
        return {
          text: t.textContent ?? "",
          font: getComputedStyle(t).fontFamily,
          inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
        };
      });
    }),
  );
  expect(ticks.length).toBeGreaterThan(10);
  expect(ticks.filter((t) => !t.inside).map((t) => t.text)).toEqual([]);
  for (const t of ticks) expect(t.font).toMatch(/arial|GDS Transport/i);
  expect(ticks.map((t) => t.text)).not.toContainEqual(expect.stringMatching(/RECEIVING_PARENT|VERY_SATISFIED|CES_CS|CMS_CS/));
  await docShot(page, "results.png");

  // Issue 18: the respondent file carries the weights behind these figures.
  const weighted = await page.request.get(
    `/api/results/export?survey=CES&from=2023-04&to=2023-09&weights=rake&targetSet=${encodeURIComponent(setName)}&kind=respondents&format=csv`,
  );
  const weightedHeader = (await weighted.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")[0]
    .split(",");
  expect(weightedHeader).toEqual(expect.arrayContaining(["design_weight", "weight_rake", "period_month"]));
});
