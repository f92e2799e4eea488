import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { API_KEY_ROUTES, PAGES } from "@/lib/auth/permissions";
import { frameCsv } from "@/lib/sampling/db/test-frames";
import { cli as runCli, errorSummary, expectAccessible, signInAs, sql } from "./helpers";

// Real-time feedback (issue 14), the whole loop as people meet it: an API key
// made on the admin page, a contact posted with it, the text in the outbox, the
// client rating 1 of 5 and asking to be called back with JavaScript off, the
// follow-up claimed and resolved by a supervisor, the managers' page showing it.
test.describe.configure({ timeout: 300_000 });

/** The CLI with GOV.UK Notify unset: the test's own local Notify, or none. */
const cli = (args: string[]) => runCli(args, { env: { NOTIFY_API_KEY: "" } });

/** A client's low rating with its follow-up, as submitFeedback leaves them, opened and due at the times given. */
async function plantFollowUp({ team, rating, openedAt, dueAt }: { team: string; rating: number; openedAt: Date; dueAt: Date }): Promise<void> {
  const ref = `${team}-${randomBytes(4).toString("hex")}`;
  await sql(
    `WITH ct AS (
       INSERT INTO "Contact" ("contactRef", "service", "clientRef", "channel", "contactAt", "reason", "teamCode", "requestState", "decidedAt")
       VALUES ($1, 'CMS', $1, 'PHONE', $2::timestamptz - interval '1 hour', 'ARREARS', $3, 'ASKED', $2::timestamptz - interval '50 minutes') RETURNING "id"),
     fr AS (
       INSERT INTO "FeedbackRequest" ("id", "contactId", "service", "clientRef", "channel", "tokenHash", "sentAt", "expiresAt", "rating", "callBack", "answeredAt")
       SELECT gen_random_uuid(), ct."id", 'CMS', $1, 'SMS', $4, $2::timestamptz - interval '50 minutes', $2::timestamptz + interval '7 days', $5, false, $2 FROM ct RETURNING "id")
     INSERT INTO "FollowUp" ("id", "feedbackRequestId", "lowRating", "callBackAsked", "openedAt", "dueAt") SELECT gen_random_uuid(), fr."id", true, false, $2, $6 FROM fr`,
    [ref, openedAt, team, randomBytes(32).toString("hex"), rating, dueAt],
  );
}

const unique = (label: string) => `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();

async function staffPage(browser: Browser, role: "ADMIN" | "SUPERVISOR" | "ANALYST"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

test("a contact posted with an API key is asked by text; a 1 of 5 with a call-back request (JavaScript off) becomes a follow-up that is claimed, resolved and counted", async ({
  browser,
  request,
}) => {
  const ref = unique("RTCF");
  const team = unique("T");
  const dir = mkdtempSync(path.join(tmpdir(), "rtcf-e2e-"));
  writeFileSync(path.join(dir, "frame.csv"), frameCsv([{ ref, date: "2026-11-02", phone: "07700 900456" }]));
  await cli(["frame", "import", path.join(dir, "frame.csv")]);

  // An administrator creates a key; it is shown once.
  const admin = await staffPage(browser, "ADMIN");
  await admin.goto("/admin/api-keys");
  await expectAccessible(admin);
  await admin.getByLabel("Name").fill(`Contact feed ${ref}`);
  await admin.getByRole("button", { name: "Create the key" }).click();
  const key = (await admin.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^fwk_/);
  await admin.reload();
  await expect(admin.getByTestId("new-api-key")).toHaveCount(0);
  await expect(admin.getByRole("row", { name: new RegExp(`Contact feed ${ref}`) })).toContainText(key.slice(0, 12));

  // The contact system posts the contact (and retries it: stored once).
  const contact = {
    contact_id: `C-${ref}`,
    client_ref: ref,
    service: "CMS",
    channel: "phone",
    contact_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    reason: "ARREARS",
    team_code: team,
  };
  for (let i = 0; i < 2; i++) {
    const posted = await request.post("/api/contacts", { headers: { Authorization: `Bearer ${key}` }, data: { contacts: [contact] } });
    expect(posted.status()).toBe(200);
    expect(await posted.json()).toMatchObject({ received: 1, stored: i === 0 ? 1 : 0, duplicates: i === 0 ? 0 : 1, rejected: 0 });
  }
  const bad = await request.post("/api/contacts", {
    headers: { Authorization: `Bearer ${key}` },
    data: [{ ...contact, contact_id: `C2-${ref}`, channel: "fax" }],
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    rejected: 1,
    errors: [{ index: 0, field: "channel", reason: "channel must be phone, webchat, email, letter or portal" }],
  });

  // The request job's pass (every minute in the server; run now through the CLI).
  const sent = (await cli(["feedback", "send"])) as { asked: number };
  expect(sent.asked).toBeGreaterThanOrEqual(1);

  // The text is in the outbox.
  await admin.goto("/admin/outbox");
  const row = admin.getByRole("row").filter({ hasText: "+447700900456" });
  await expect(row).toContainText("Text message feedback request");
  const link = (await row.getByRole("link").getAttribute("href"))!;
  expect(link).toMatch(/\/f\/[A-Za-z0-9_-]{43}$/);
  await admin.context().close();

  // The client, JavaScript off: the link, a rating of 1, a comment, "call me back".
  const client = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await client.goto(new URL(link).pathname);
  await expect(client).toHaveURL(/\/feedback$/);
  await expect(client.getByRole("heading", { level: 1 })).toHaveText("Tell us about your contact");
  {
    // axe and the 320 px check need scripts: the same page in a scripted copy of the context
    const copy = await (await browser.newContext({ storageState: await client.context().storageState() })).newPage();
    await copy.goto("/feedback");
    await expectAccessible(copy);
    await copy.context().close();
  }
  await client.getByRole("button", { name: "Send your feedback" }).click();
  await expect(errorSummary(client)).toContainText("Choose a rating from 1 to 5");
  await client.getByLabel("1 – Very poor").check();
  await client.getByLabel("Is there anything you would like to tell us").fill(`Nobody told me about the arrears (${ref})`);
  await client
    .getByRole("group", { name: /contact you about your feedback/ })
    .getByLabel("Yes")
    .check();
  await client.getByRole("button", { name: "Send your feedback" }).click();
  await expect(client).toHaveURL(/\/feedback\/thank-you/);
  await expect(client.getByRole("heading", { level: 1 })).toHaveText("Thank you for your feedback");
  await expect(client.getByText("A Child Maintenance colleague will contact you")).toBeVisible();
  await client.context().close();

  // A supervisor's queue: claimed, the phone number revealed, an attempt, resolved.
  const sup = await staffPage(browser, "SUPERVISOR");
  await sup.goto("/recovery");
  await expectAccessible(sup);
  const item = sup.getByRole("row").filter({ hasText: team });
  await expect(item).toContainText("Rated 1 of 5; Asked to be called back");
  await expect(item).toContainText("Nobody yet");
  await item.getByRole("link").click();
  await expect(sup.getByText(`Nobody told me about the arrears (${ref})`)).toBeVisible();
  await expect(sup.getByText(ref, { exact: true })).toBeVisible();
  await expect(sup.getByText("+447700900456")).toHaveCount(0);
  await sup.getByRole("button", { name: "Claim this follow-up" }).click();
  await expect(sup.getByText("You have claimed this follow-up.")).toBeVisible();
  await expectAccessible(sup);
  await sup.getByRole("button", { name: "Show phone number" }).click();
  await expect(sup.getByTestId("client-contact-details")).toContainText("+447700900456");
  await sup.getByRole("group", { name: "Record an attempt" }).getByLabel("No answer").check();
  await sup.getByRole("button", { name: "Record the attempt" }).click();
  await expect(sup.getByText("The attempt was recorded.")).toBeVisible();
  await expect(sup.getByRole("table", { name: "Attempts" })).toContainText("No answer");
  await sup.getByRole("button", { name: "Close the follow-up" }).click();
  await expect(errorSummary(sup)).toContainText("Choose how the follow-up ended");
  await sup.getByRole("group", { name: "Close the follow-up" }).getByLabel("Resolved", { exact: true }).check();
  await sup.getByLabel("What was done").fill("Called back and explained the arrears notice");
  await sup.getByRole("button", { name: "Close the follow-up" }).click();
  await expect(sup).toHaveURL(/\/recovery\?closed=1/);
  await expect(sup.getByRole("row").filter({ hasText: team })).toHaveCount(0);
  await sup.goto("/recovery?show=closed");
  await expect(sup.getByRole("row").filter({ hasText: team })).toContainText("Resolved");
  await sup.context().close();

  // The managers' page: the rating, the follow-up in time, the comment (no client reference).
  const analyst = await staffPage(browser, "ANALYST");
  await analyst.goto(`/results/feedback?team=${team}`);
  await expectAccessible(analyst);
  const byTeam = analyst.getByRole("table", { name: "Ratings by team" }).getByRole("row").filter({ hasText: team });
  await expect(byTeam.getByRole("cell").nth(0)).toHaveText("1"); // base
  await expect(byTeam.getByRole("cell").nth(1)).toHaveText("1.00"); // mean
  await expect(analyst.getByTestId("feedback-follow-ups")).toContainText("Resolved");
  const comments = analyst.getByRole("table", { name: /^Comments/ });
  await expect(comments).toContainText(`Nobody told me about the arrears (${ref})`);
  await expect(comments).not.toContainText(`C-${ref}`);
  const csv = await analyst.request.get(`/results/feedback/comments?team=${team}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe("answered_at,service,channel,reason,team_code,rating,call_back,comment");
  expect(text).toContain(`,CMS,PHONE,ARREARS,${team},1,Y,Nobody told me about the arrears (${ref})`);
  expect(text).not.toContain("+447700900456");
  await analyst.context().close();
});

test("an API key opens only its API: pages and staff APIs ignore it, a staff session cannot post contacts, a key an administrator revokes on the API keys page gets 401", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const name = `access ${unique("K")}`;
  const created = (await cli(["api-keys", "create", "--name", name])) as { id: string; key: string };
  const headers = { Authorization: `Bearer ${created.key}`, "X-Api-Key": created.key };
  const withKey = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
  const browserWithKey = await browser.newContext({ extraHTTPHeaders: headers });
  const page = await browserWithKey.newPage();
  for (const p of PAGES) {
    // not opened: the sign-in page, never the page
    await page.goto(p.path);
    await expect(page, `${p.path} with an API key`).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
  await browserWithKey.close();
  for (const r of API_KEY_ROUTES) {
    expect((await withKey.post(r.path, { data: [] })).status(), `${r.path} with the key`).toBe(400); // the key works: an empty batch is refused
    const staff = await (await browser.newContext()).newPage();
    await signInAs(staff, "ADMIN");
    expect((await staff.request.post(r.path, { data: [] })).status(), `${r.path} with a staff session`).toBe(401);
    await staff.context().close();
  }
  expect((await withKey.get("/api/admin/users")).status()).toBe(401);

  const contact = {
    contact_id: `C-${created.id}`,
    client_ref: `R-${created.id.slice(0, 8)}`,
    service: "CMS",
    channel: "phone",
    contact_at: new Date(Date.now() - 60_000).toISOString(),
    reason: "ENQUIRY",
    team_code: "ACCESS",
  };
  expect((await withKey.post("/api/contacts", { data: [contact] })).status(), "a good contact with the key").toBe(200);

  // An administrator revokes the key on the API keys page.
  const admin = await staffPage(browser, "ADMIN");
  await admin.goto("/admin/api-keys");
  const row = admin.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(created.key.slice(0, 12));
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(admin.getByRole("status")).toHaveText("The key was revoked: it no longer works.");
  await expect(admin.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
  await expect(admin.getByRole("row", { name: new RegExp(name) }).getByRole("button")).toHaveCount(0);
  await expectAccessible(admin);
  await admin.context().close();

  // the same good contact (a retry) is now refused for the key alone
  const afterRevoke = await withKey.post("/api/contacts", { data: [contact] });
  expect(afterRevoke.status()).toBe(401);
  expect(await afterRevoke.json()).toMatchObject({ error: { code: "API_KEY_INVALID", message: expect.stringMatching(/revoked/) } });
  for (const r of API_KEY_ROUTES) {
    const refused = await withKey.post(r.path, { data: [] });
    expect(refused.status(), `${r.path} with a revoked key`).toBe(401);
    expect(JSON.stringify(await refused.json())).not.toContain(created.key);
  }
  await withKey.dispose();
});

test("an overdue follow-up stands out in the queue: a red Overdue tag, first in the list, and a warning above it", async ({ browser }) => {
  const overdueTeam = unique("LATE");
  const onTimeTeam = unique("SOON");
  const now = Date.now();
  // due an hour ago (opened four days ago), and due in two days
  await plantFollowUp({ team: overdueTeam, rating: 1, openedAt: new Date(now - 4 * 24 * 3600_000), dueAt: new Date(now - 3600_000) });
  await plantFollowUp({ team: onTimeTeam, rating: 2, openedAt: new Date(now - 3600_000), dueAt: new Date(now + 2 * 24 * 3600_000) });

  const sup = await staffPage(browser, "SUPERVISOR");
  await sup.goto("/recovery");
  await expectAccessible(sup);
  await expect(sup.getByText(/follow-ups? (is|are) overdue\./)).toBeVisible();
  const queue = sup.getByRole("table", { name: /^Open follow-ups/ });
  const late = queue.getByRole("row").filter({ hasText: overdueTeam });
  const soon = queue.getByRole("row").filter({ hasText: onTimeTeam });
  await expect(late.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(late).toContainText("Rated 1 of 5");
  await expect(soon).toContainText("Rated 2 of 5");
  await expect(soon.getByText("Overdue", { exact: true })).toHaveCount(0);
  // most overdue first
  const teams = (await queue.getByRole("row").allTextContents())
    .map((t) => (t.includes(overdueTeam) ? "late" : t.includes(onTimeTeam) ? "soon" : null))
    .filter(Boolean);
  expect(teams).toEqual(["late", "soon"]);
  // and on the follow-up's own page
  await late.getByRole("link").click();
  await expect(sup.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(sup.getByText("Overdue", { exact: true })).toBeVisible();
  await sup.context().close();
});
