import { expect, test, type Page } from "@playwright/test";
import { errorSummary, expectAccessible, oncePerKind, signedInWithoutScripts, signInAs } from "./helpers";

// Long journeys with an axe scan of every page: more than the default minute on these machines.
test.describe.configure({ timeout: 240_000 });

/** The new screen's heading has focus (so the key handlers are live) and the page passes axe. */
async function expectScreen(page: Page, heading: string | RegExp, accessible: (page: Page) => Promise<void> = expectAccessible) {
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toContainText(heading);
  await expect(h1).toBeFocused();
  await accessible(page);
}

test("a supervisor lists the questionnaires and previews CES-2023 with its routing in words", async ({ page }) => {
  await signInAs(page, "SUPERVISOR");
  await page.goto("/questionnaires");
  await expect(page.getByRole("heading", { level: 1, name: "Questionnaires" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^CMS-2015 / })).toBeVisible();
  await expect(page.getByRole("row", { name: /^CMS-2015ONLINE / })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Preview CES-2023" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CMS Customer Experience Survey 2023/24" })).toBeVisible();
  // questionnaires.md: CES_GR_PAID_WHEN is asked of "Receiving Parents not on Direct Pay".
  const paidWhen = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: /CES_GR_PAID_WHEN/ }) });
  await expect(paidWhen.getByText("Asked of: Receiving parents not on Direct Pay")).toBeVisible();
  // Both views: the interviewer's with the instruction set apart, the respondent's without.
  const sat = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: /CES_SAT/ }) });
  await expect(sat.getByRole("region", { name: /interviewer sees/ }).getByText("Interviewer instruction")).toBeVisible();
  await expect(sat.getByRole("region", { name: /respondent sees/ }).getByText("Interviewer instruction")).toHaveCount(0);
  await expectAccessible(page);
});

test("CMS-2015 in try-it mode, start to finish with the keyboard only", async ({ page }) => {
  test.setTimeout(480_000); // a page per key on a shared, loaded machine
  await signInAs(page, "SUPERVISOR");
  await page.goto("/questionnaires/CMS-2015/try");
  const keys = page.keyboard;

  // The case: a receiving parent, change of circumstances, Direct Pay, contacted in April 2015.
  await expectScreen(page, "Try Child Maintenance Service client satisfaction");
  await keys.press("Tab");
  await expect(page.getByLabel("Client's role")).toBeFocused();
  await keys.press("r");
  await keys.press("Tab");
  await keys.press("c");
  await keys.press("Tab");
  await keys.press("d");
  await keys.press("Tab");
  await expect(page.getByLabel("Contact month")).toBeFocused();
  await keys.type("2015-04");
  await keys.press("Enter");

  await expectScreen(page, "Introduction");
  await expect(page.getByText("Interviewer instruction").first()).toBeVisible();
  await keys.press("Enter");
  await expectScreen(page, "Confidentiality and the right to stop");
  await keys.press("Enter");

  await expectScreen(page, "how satisfied are you with the service");
  await keys.press("2");
  await expect(page.getByRole("radio", { name: /^2 Satisfied/ })).toBeChecked();
  await keys.press("Enter");

  // The agree-disagree statements are one kind of screen: axe on the first of them (e2e/helpers.ts, oncePerKind).
  const statementChecked = oncePerKind(expectAccessible);
  await expectScreen(page, "Was polite and friendly.", statementChecked);
  await keys.press("1");
  await keys.press("Enter");
  await expectScreen(page, "Treated you with courtesy and respect.", statementChecked);
  await keys.press("2");
  await keys.press("Enter");
  await expectScreen(page, "Was sensitive to your needs.", statementChecked);

  // Back: from the heading, Shift+Tab reaches the Back link. The kept answer shows; change it.
  await keys.press("Shift+Tab");
  await expect(page.getByRole("link", { name: "Back", exact: true })).toBeFocused();
  await keys.press("Enter");
  await expectScreen(page, "Treated you with courtesy and respect.", statementChecked);
  await expect(page.getByRole("radio", { name: /^2 Agree/ })).toBeChecked();
  await keys.press("1");
  await expect(page.getByRole("radio", { name: /Strongly agree/ })).toBeChecked();
  await keys.press("Enter");

  for (const statement of [
    "Was sensitive to your needs.",
    "Was impartial and non-judgmental.",
    "Provided you with written information when asked for it.",
    "Displayed good knowledge of CMS processes.",
    "Understood the details of your case.",
  ]) {
    await expectScreen(page, statement, statementChecked);
    if (statement.startsWith("Was impartial")) {
      // The one key scheme (issue 18): R is Refused here as on every screen.
      await keys.press("r");
      await expect(page.getByRole("radio", { name: /Refused \(do not read out\)/ })).toBeChecked();
    } else await keys.press("3");
    await keys.press("Enter");
  }
  // Contact in April 2015: the kept-informed statement is not asked (quarter ending May 2015).
  await expectScreen(page, "Thank you and close");
  await keys.press("Enter");

  await expectScreen(page, "End of the questionnaire");
  await expect(page.getByText("the interview would be complete")).toBeVisible();
  const row = (id: string) => page.locator(".govuk-summary-list__row").filter({ has: page.getByText(id, { exact: true }) });
  await expect(row("CMS_SAT")).toContainText("Satisfied");
  await expect(row("CMS_CS_COURTESY")).toContainText("Strongly agree");
  await expect(row("CMS_CS_UNDERSTOOD")).toContainText("Disagree");
  await expect(row("CMS_CS_INFORMED")).toHaveCount(0);
});

test("try-it lists the same keys as a live interview, and D and R answer Don't know and Refused", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, "SUPERVISOR");
  // CMS-2013's overall question still has "Don't know/can't remember" (seed 001).
  await page.goto("/questionnaires/CMS-2013/try");
  await page.getByLabel("Client's role").selectOption({ label: "Paying parent" });
  await page.getByLabel("Contact month").fill("2014-06");
  await page.getByRole("button", { name: "Start" }).click();
  await expectScreen(page, "Introduction");
  await page.keyboard.press("Enter");
  await expectScreen(page, "Confidentiality and the right to stop");
  await page.keyboard.press("Enter");

  await expectScreen(page, "how satisfied are you with the service");
  const legend = page.getByTestId("key-legend");
  await expect(legend.getByRole("heading", { level: 2, name: "Keys" })).toBeVisible();
  await expect(legend).toContainText("1 to 9, then 0: the answer showing that number");
  await expect(legend.getByText("D: Don't know", { exact: true })).toBeVisible();
  await expect(legend.getByText("R: Refused", { exact: true })).toBeVisible();
  await page.keyboard.press("d");
  await expect(page.getByRole("radio", { name: /Don't know\/can't remember/ })).toBeChecked();
  await page.keyboard.press("Enter");

  // A statement has no "Don't know": the legend says so; R is Refused as everywhere.
  await expectScreen(page, "Treated you with courtesy and respect.");
  await expect(legend.getByText("D: Don't know (not on this question)", { exact: true })).toBeVisible();
  await expect(legend.getByText("R: Refused", { exact: true })).toBeVisible();
  await page.keyboard.press("r");
  await expect(page.getByRole("radio", { name: /Refused \(do not read out\)/ })).toBeChecked();
  await page.keyboard.press("Enter");
  await expectScreen(page, "Was sensitive to your needs.");

  // Both kept as given: Back shows them.
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expectScreen(page, "Treated you with courtesy and respect.");
  await expect(page.getByRole("radio", { name: /Refused \(do not read out\)/ })).toBeChecked();
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expectScreen(page, "how satisfied are you with the service");
  await expect(page.getByRole("radio", { name: /Don't know\/can't remember/ })).toBeChecked();
});

test("without JavaScript, try-it runs RTCF-1 online as plain forms, with errors and safe fills", async ({ browser }) => {
  const { page, withJs: signInPage, close } = await signedInWithoutScripts(browser, "ANALYST");
  // axe needs JavaScript: scan the same address (GET forms: the address is the state) in the signed-in page.
  const expectAccessibleAsHere = async () => {
    await signInPage.goto(page.url());
    await expectAccessible(signInPage);
  };

  await page.goto("/questionnaires/RTCF-1/try");
  await expect(page.getByLabel("Online (as the respondent sees it)")).toBeChecked();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "About this survey" })).toBeVisible();
  await expect(page.getByText("Child Maintenance Service", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Interviewer instruction")).toHaveCount(0);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "How would you rate the service you received today?" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toContainText("Select a number from 1 to 5.");
  await expectAccessibleAsHere();
  await page.getByLabel("2", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  await page.getByLabel(/anything you would like to tell us/).fill("<b>Kept on hold</b>");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Yes", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "End of the questionnaire" })).toBeVisible();
  // The comment is shown as text, never as markup.
  await expect(page.getByText("<b>Kept on hold</b>")).toBeVisible();
  await expect(page.locator("b", { hasText: "Kept on hold" })).toHaveCount(0);
  await expectAccessibleAsHere();
  await close();
});
