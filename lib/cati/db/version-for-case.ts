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
