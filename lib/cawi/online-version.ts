import { listQuestionnaireVersions, type QuestionnaireVersion } from "@/lib/questionnaire";

/**
 * The online questionnaire a case answers: the version of its survey asked
 * ONLINE and in use for its contact month (questionnaires.md), the latest
 * starting one when several overlap. (The telephone side's rule is
 * lib/cati/db/version-for-case.ts, with PHONE.)
 */
export function onlineVersionForCase(survey: string, month: string): QuestionnaireVersion | null {
  const candidates = listQuestionnaireVersions().filter(
    (v) =>
      v.survey === survey &&
      v.settings.modes.includes("ONLINE") &&
      v.inUse !== undefined &&
      v.inUse.fromContactMonth <= month &&
      (v.inUse.toContactMonth === undefined || month <= v.inUse.toContactMonth),
  );
  candidates.sort((a, b) => (a.inUse!.fromContactMonth < b.inUse!.fromContactMonth ? 1 : -1));
  return candidates[0] ?? null;
}
