import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "./helpers";

// Long journeys with an axe scan of every page: more than the default minute on these machines.
test.describe.configure({ timeout: 240_000 });

/** The new screen's heading has focus (so the key handlers are live) and the page passes axe. */
async function expectScreen(page: Page, heading: string | RegExp) {
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toContainText(heading);
  await expect(h1).toBeFocused();
  await expectAccessible(page);
}

test("a supervisor lists the questionnaires and previews CES-2023 with its routing in words", async ({ page }) => {
  await signInAs(page, "SUPERVISOR");
  await page.goto("/questionnaires");
  await expect(page.getByRole("heading", { level: 1, name: "Questionnaires" })).toBeVisible();
  await expect(page.getByRole("row", { name: /CMS-2015/ })).toBeVisible();
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

  await expectScreen(page, "Was polite and friendly.");
  await keys.press("1");
  await keys.press("Enter");
  await expectScreen(page, "Treated you with courtesy and respect.");
  await keys.press("2");
  await keys.press("Enter");
  await expectScreen(page, "Was sensitive to your needs.");

  // Back: from the heading, Shift+Tab reaches the Back link. The kept answer shows; change it.
  await keys.press("Shift+Tab");
  await expect(page.getByRole("link", { name: "Back", exact: true })).toBeFocused();
  await keys.press("Enter");
  await expectScreen(page, "Treated you with courtesy and respect.");
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
    await expectScreen(page, statement);
    await keys.press("3");
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
