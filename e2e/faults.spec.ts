import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { localMasterKey } from "@/lib/privacy/crypto/master-key";
import { frameCsv } from "@/lib/sampling/db/test-frames";
import { answerFirst, cli as runCli, e2eDatabaseUrl, signIn, sql } from "./helpers";
import { E2E_PASSWORD, e2eEmail } from "./users";

// Faults (issue 17): the server killed with `kill -9` in the middle of an online
// interview and of a telephone interview, then started again; each interview
// resumes where it stopped, with every answer given before the kill. These tests
// start their own `next start` (the e2e run's build, the e2e database, a port of
// their own) so that killing it leaves the other tests' server alone. Plain form
// posts: JavaScript is off, as a respondent's or a locked-down PC's may be.
test.use({ javaScriptEnabled: false, baseURL: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1000}` });
test.describe.configure({ mode: "serial", timeout: 300_000 });

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const PORT = E2E_PORT + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const root = path.resolve(import.meta.dirname, "..");
// Kept across restarts: a restarted server must accept the cookies the first one set.
const SECRET = randomBytes(32).toString("base64");
// Years of its own (other specs draw CMS months of theirs: a shared month would be SAMPLE_EXISTS).
const YEAR = 2070 + Math.floor(Math.random() * 10);

/** The CLI with GOV.UK Notify unset and the survey links on this server. */
const cli = (args: string[]) => runCli(args, { env: { NOTIFY_API_KEY: "", SURVEY_BASE_URL: BASE } });

/** `next start` on the e2e run's build (E2E_APP_DIR's when npm test gives one, e2e/server.ts), answering once /api/health does. */
async function startApp(): Promise<ChildProcess> {
  const prebuilt = process.env.E2E_APP_DIR;
  const appRoot = prebuilt ?? root;
  const next = path.join(appRoot, "node_modules", "next", "dist", "bin", "next");
  const app = spawn(process.execPath, [next, "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: appRoot,
    stdio: "ignore",
    env: {
      ...process.env,
      NEXT_DIST_DIR: prebuilt ? "" : `.next-e2e-${E2E_PORT}`,
      NODE_OPTIONS: "",
      NODE_ENV: "production",
      DATABASE_URL: e2eDatabaseUrl(),
      NEXTAUTH_SECRET: SECRET,
      PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY || localMasterKey(),
      NEXTAUTH_URL: BASE,
      SURVEY_BASE_URL: BASE,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
  });
  for (let i = 0; ; i++) {
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return app;
    if (app.exitCode !== null || i > 240) throw new Error("the test's own next start did not answer");
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** kill -9: no shutdown hooks, no flushing, the process simply ends. */
async function killHard(app: ChildProcess) {
  const exited = once(app, "exit");
  app.kill("SIGKILL");
  await exited;
  await expect
    .poll(() =>
      fetch(`${BASE}/api/health`).then(
        () => "up",
        () => "down",
      ),
    )
    .toBe("down");
}

let app: ChildProcess | undefined;
test.beforeAll(async () => {
  // startApp waits up to 120 s for the server to answer (a loaded machine, other specs running): the hook waits as long.
  test.setTimeout(150_000);
  app = await startApp();
});
test.afterAll(async () => {
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await once(app, "exit");
  }
});

/** Every answer and seen marker stored for a case's response. */
async function storedAnswers(caseId: string): Promise<string[]> {
  const rows = await sql<{ questionId: string }>(
    `SELECT a."questionId" FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId" WHERE r."sampleCaseId" = $1::uuid ORDER BY a."id"`,
    [caseId],
  );
  return rows.map((r) => r.questionId);
}

test("kill -9 in the middle of an online interview: after the restart the link resumes at the next question with every answer kept", async ({ page }) => {
  const ref = `FLT${Date.now().toString(36)}`;
  const month = `${YEAR}-03`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "faults-e2e-")), "frame.csv");
  writeFileSync(file, frameCsv([{ ref, date: `${month}-12`, email: `${ref.toLowerCase()}@example.com` }]));
  await cli(["frame", "import", file]);
  const drawn = (await cli(["sample", "draw", "--survey", "CMS", "--month", month, "--size", "1", "--seed", "1", "--mode", "ONLINE"])) as { sampleId: string };
  await cli(["invitations", "send", "--sample", drawn.sampleId]);
  const { messages } = (await cli(["outbox", "list", "--sample", drawn.sampleId])) as { messages: { caseId: string; link: string }[] };
  const { caseId, link } = messages[0]!;

  await page.goto(`${BASE}${new URL(link).pathname}`);
  await page.getByRole("button", { name: "Start now" }).click();
  for (let q = 1; q <= 3; q++) {
    await expect(page.getByText(new RegExp(`^Question ${q} of \\d+$`))).toBeVisible();
    await answerFirst(page);
  }
  await expect(page.getByText(/^Question 4 of \d+$/)).toBeVisible();
  const before = await storedAnswers(caseId);
  expect(before.length).toBeGreaterThanOrEqual(3);

  await killHard(app!);
  app = await startApp();

  // The same browser (its cookie) comes back: the fourth question, nothing lost.
  await page.goto(`${BASE}/survey`);
  await expect(page.getByText(/^Question 4 of \d+$/)).toBeVisible();
  expect(await storedAnswers(caseId)).toEqual(before);
  // Back shows the third answer as it was given.
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByText(/^Question 3 of \d+$/)).toBeVisible();
  const kept = page.getByRole("radio", { checked: true }).or(page.getByRole("checkbox", { checked: true }));
  await expect(kept.first()).toBeVisible();
});

test("kill -9 in the middle of a telephone interview: after the restart the interviewer resumes the same interview with every answer kept", async ({
  page,
}) => {
  // Calling all day, every day (the test may run at night or on a Sunday).
  const allDay = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, { start: "00:00", end: "24:00" }]));
  await sql(
    `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('cati', $1::jsonb, now())
     ON CONFLICT ("key") DO UPDATE SET "value" = "Setting"."value" || $1::jsonb, "updatedAt" = now()`,
    [JSON.stringify({ callingHours: allDay, closedOnBankHolidays: false })],
  );
  const month = `${YEAR}-05`;
  const ref = `FLTP${Date.now().toString(36)}`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "faults-e2e-")), "frame.csv");
  writeFileSync(file, frameCsv([{ ref, date: `${month}-12`, reason: "ARREARS" }]));
  await cli(["frame", "import", file]);
  await cli(["sample", "draw", "--survey", "CMS", "--month", month, "--size", "1", "--seed", "1", "--mode", "PHONE"]);

  // An interviewer of this test's own: the shared one may be holding another test's case.
  const interviewer = `faults-${Date.now().toString(36)}@fieldwork.test`;
  await cli(["users", "create", "--email", interviewer, "--role", "INTERVIEWER", "--name", "Faults interviewer"]);
  await sql(`UPDATE "User" SET "passwordHash" = (SELECT "passwordHash" FROM "User" WHERE "email" = $2), "mustChangePassword" = false WHERE "email" = $1`, [
    interviewer,
    e2eEmail("INTERVIEWER"),
  ]);
  await signIn(page, interviewer, E2E_PASSWORD);
  await page.goto(`${BASE}/interviewer`);
  await page.getByLabel("Sample to work").selectOption({ label: `CMS ${month}` });
  await page.getByRole("button", { name: "Take next case" }).click();
  await expect(page).toHaveURL(/\/interviewer\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").at(-1)!;
  await page.getByRole("button", { name: "Start interview" }).click();
  for (let s = 0; s < 4; s++) await answerFirst(page);
  const screenBefore = await page.locator("[data-screen-id]").getAttribute("data-screen-id");
  const before = await storedAnswers(caseId);
  expect(before).toHaveLength(4);

  await killHard(app!);
  app = await startApp();

  // Still signed in (sessions live in PostgreSQL); the case is still the interviewer's.
  await page.goto(`${BASE}/interviewer`);
  // (a link styled and announced as a button)
  await page.getByRole("button", { name: "Return to your case" }).click();
  await expect(page.getByText(`The interview was started earlier: 4 screens answered. It resumes at ${screenBefore},`)).toBeVisible();
  await page.getByRole("button", { name: "Resume interview" }).click();
  await expect(page.locator("[data-screen-id]")).toHaveAttribute("data-screen-id", screenBefore!);
  expect(await storedAnswers(caseId)).toEqual(before);
});
