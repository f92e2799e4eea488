import { expect, test } from "@playwright/test";
import { frameCsv, frameLine, type TestClient } from "@/lib/sampling/db/test-frames";
import { docShot, expectAccessible, signInAs } from "./helpers";

test("a supervisor imports a frame with bad rows, sees the errors, previews and draws a sample, and sees the waterfall and strata", async ({ page }) => {
  test.setTimeout(240_000); // two uploads and a draw, on a shared machine
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
  // Rows rejected: a warning, not "Success" (issue 18).
  await expect(result).toContainText("Frame imported, but 2 rows were rejected: 24 new clients, 0 updated, 2 rows rejected");
  await expect(result.getByRole("heading", { level: 2 })).toHaveText("Important");
  await expect(page.getByTestId("seen-before")).toHaveCount(0);
  const errors = page.getByTestId("import-errors");
  await expect(errors.getByRole("row")).toHaveCount(3);
  await expect(errors.getByRole("row").nth(1)).toContainText("26");
  await expect(errors.getByRole("row").nth(1)).toContainText("contact_date");
  await expect(errors.getByRole("row").nth(2)).toContainText("27");
  await expect(errors.getByRole("row").nth(2)).toContainText("contact_reason");
  await expect(errors.getByRole("row").nth(2)).toContainText("HOLIDAY");
  await expect(page.getByRole("link", { name: /Download all 2 problems/ })).toBeVisible();
  await expectAccessible(page);

  // The identical file again: warned that it was imported before (its SHA-256).
  await page.getByLabel("Frame file (CSV)").setInputFiles({ name: "frame-again.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("seen-before")).toContainText("This file is identical to frame.csv");
  await expect(result).toContainText("0 new clients");

  // A template and the allowed values are offered.
  await page.getByText("Columns and the values they take").click();
  await expect(page.getByTestId("frame-columns").getByRole("row", { name: /contact_reason/ })).toContainText("CHANGE_OF_CIRCUMSTANCES");
  await expectAccessible(page);
  await docShot(page, "frame-upload.png");
  const template = await page.request.get("/api/frame/template");
  expect(template.headers()["content-type"]).toContain("text/csv");
  expect((await template.text()).split("\r\n")[0]).toContain("client_ref,service,role,contact_reason");

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

test("a supervisor draws a CES quarter from the CMS frame: new applications and changes of circumstances, mixed mode, quota cells with minimum interviews", async ({
  page,
}) => {
  // A year of its own (after the monthly test's years), so the quarter is empty before this test.
  const year = 2030 + Math.floor(Math.random() * 20);
  const p = `E2ECES${Date.now().toString(36)}`;
  const coc = "CHANGE_OF_CIRCUMSTANCES";
  const clients: TestClient[] = [
    { ref: `${p}-0`, date: `${year}-04-03` },
    { ref: `${p}-1`, date: `${year}-04-15`, role: "PAYING_PARENT" },
    { ref: `${p}-2`, date: `${year}-05-02`, reason: coc },
    { ref: `${p}-3`, date: `${year}-05-20`, reason: coc, role: "PAYING_PARENT" },
    { ref: `${p}-4`, date: `${year}-06-11` },
    { ref: `${p}-5`, date: `${year}-06-12`, role: "PAYING_PARENT" },
    { ref: `${p}-6`, date: `${year}-06-28`, reason: coc },
    { ref: `${p}-7`, date: `${year}-04-30`, reason: coc, role: "PAYING_PARENT" },
    { ref: `${p}-no-details`, date: `${year}-05-05`, phone: "", address: "N" },
    { ref: `${p}-email-only`, date: `${year}-06-06`, reason: coc, role: "PAYING_PARENT", phone: "", address: "N", email: "parent@example.com" },
    // Not in the CES population: an enquiry, and contacts just outside the quarter.
    { ref: `${p}-enquiry`, date: `${year}-05-05`, reason: "ENQUIRY" },
    { ref: `${p}-march`, date: `${year}-03-31` },
    { ref: `${p}-july`, date: `${year}-07-01` },
  ];

  await signInAs(page, "SUPERVISOR");
  await page.goto("/frame");
  await page.getByLabel("Frame file (CSV)").setInputFiles({ name: "ces-frame.csv", mimeType: "text/csv", buffer: Buffer.from(frameCsv(clients)) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Frame imported: 13 new clients");

  await page.goto("/samples/new");
  await page.getByLabel("CMS Customer Experience Survey (CES)").check();
  // CES is drawn by quarter and surveyed online first, then by telephone.
  await expect(page.getByLabel("Contact month")).toHaveCount(0);
  await expect(page.getByLabel("Mixed: online, then telephone")).toBeChecked();
  await page.getByLabel("Contact quarter").fill(`${year}-Q2`);
  await page.getByLabel("Sample size").fill("6");
  await page.getByLabel("Seed (optional)").fill("2015");
  await page.getByRole("button", { name: "Preview counts" }).click();
  const preview = page.getByTestId("preview");
  await expect(preview).toContainText(
    `10 clients had a new application or change of circumstances contact in April to June ${year} (${year}-Q2); 9 are eligible`,
  );
  await expectAccessible(page);

  await page.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/samples\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`CES sample for April to June ${year} (${year}-Q2)`);
  await expect(page.getByText("Mixed (online, then telephone)")).toBeVisible();
  const waterfall = page.getByTestId("waterfall");
  await expect(waterfall.getByRole("row", { name: /Clients with a new application or change of circumstances contact in the quarter/ })).toContainText("10");
  await expect(waterfall.getByRole("row", { name: /No contact details/ })).toContainText("1");
  await expect(waterfall.getByRole("row", { name: /do-not-contact register/ })).toContainText("9");
  await expect(page.getByTestId("strata").getByRole("row", { name: /^Total/ })).toContainText("6");
  const quotas = page.getByTestId("quota-targets");
  await expect(quotas.getByRole("row")).toHaveCount(5);
  await expect(quotas.getByRole("row", { name: /new application, receiving parent/ })).toContainText("139");
  await expect(quotas.getByRole("row", { name: /change of circumstances, paying parent/ })).toContainText("163");
  await expectAccessible(page);

  await page.goto("/samples");
  await expect(page.getByTestId("sample-list").getByRole("link", { name: new RegExp(`${year}-Q2`) })).toBeVisible();
});

test("an upload whose file name is only spaces is refused, saying so, and nothing is imported", async ({ page }) => {
  const year = 1990 + Math.floor(Math.random() * 20);
  const p = `E2E${Date.now().toString(36)}`;
  const csv = frameCsv([{ ref: `${p}-0`, date: `${year}-05-06`, reason: "NEW_APPLICATION", role: "PAYING_PARENT", english: "Y", phone: "07700 900123" }], []);
  await signInAs(page, "SUPERVISOR");
  type Listed = { imports: { id: string; fileName: string }[] };
  const before = (await (await page.request.get("/api/frame/imports")).json()) as Listed;
  // As the page's own upload sends a file (the name %-encoded in X-File-Name), with a name of two spaces.
  const sent = await page.request.post("/api/frame/imports", { headers: { "content-type": "text/csv", "x-file-name": "%20%20" }, data: csv });
  expect(sent.status()).toBe(400);
  expect(await sent.text()).toContain("The file name is blank: name the file and upload it again");
  // (Other tests may import at the same time: no new import has a blank name.)
  const after = (await (await page.request.get("/api/frame/imports")).json()) as Listed;
  const known = new Set(before.imports.map((i) => i.id));
  expect(after.imports.filter((i) => !known.has(i.id) && i.fileName.trim() === "")).toEqual([]);
});
