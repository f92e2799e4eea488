import { listQuestionnaireVersions, type QuestionnaireVersion } from "@/lib/questionnaire";

/**
 * The telephone questionnaire a case is interviewed with: the version of its
 * survey in use for its contact month (questionnaires.md: versions by the
 * quarter of contact), the latest starting one when several overlap.
 */
export function versionForCase(survey: string, month: string): QuestionnaireVersion | null {
  const candidates = listQuestionnaireVersions().filter(
    (v) =>
      v.survey === survey &&
      v.settings.modes.includes("PHONE") &&
      v.inUse !== undefined &&
      v.inUse.fromContactMonth <= month &&
      (v.inUse.toContactMonth === undefined || month <= v.inUse.toContactMonth),
  );
  candidates.sort((a, b) => (a.inUse!.fromContactMonth < b.inUse!.fromContactMonth ? 1 : -1));
  return candidates[0] ?? null;
}

/**
 * The versions asked online only (their wording is for self-completion, like
 * CMS-2015ONLINE): a response begun in one is never continued by telephone
 * (issue 13), so its case is not offered to interviewers nor switched to them.
 */
export function onlineOnlyVersionIds(): string[] {
  return listQuestionnaireVersions()
    .filter((v) => !v.settings.modes.includes("PHONE"))
    .map((v) => v.id)
    .sort();
}

/**
 * SQL: the case `sc` has a response begun in an online-only version. The ids are
 * written into the statement (shipped code, checked against the version id
 * pattern), so the next-case statement keeps its parameters and its prepared plan.
 */
export function onlineOnlyResponseSql(caseAlias = "sc"): string {
  const ids = onlineOnlyVersionIds();
  for (const id of ids) if (!/^[A-Z]+-[0-9A-Z]+$/.test(id)) throw new Error(`unexpected questionnaire version id ${id}`);
  const list = ids.length === 0 ? "ARRAY[]::text[]" : `ARRAY[${ids.map((id) => `'${id}'`).join(", ")}]::text[]`;
  return `EXISTS (SELECT 1 FROM "Response" r WHERE r."sampleCaseId" = ${caseAlias}."id" AND r."versionId" = ANY(${list}))`;
}
