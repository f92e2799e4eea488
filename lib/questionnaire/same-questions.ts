import { listQuestionnaireVersions } from "./registry";
import type { Mode, QuestionnaireVersion, Screen } from "./schema";

// Two versions "ask the same questions" when they differ only in wording: the
// same screens in the same order, each with the same id, kind, routing, answer
// codes and limits. A response kept in one can then be shown in the other's words
// (issue 17: a response begun by telephone and continued online is shown in the
// self-completion wording, CMS-2015 -> CMS-2015ONLINE), because every answer,
// route and check the engine derives is the same in both.

const WORDING_KEYS = new Set(["text", "blockIntro", "interviewerInstruction", "label", "minLabel", "maxLabel"]);

/** The screen without its words: what the runner, the checks and the results see. */
function structureOf(screen: Screen): unknown {
  return JSON.parse(JSON.stringify(screen, (key, value) => (WORDING_KEYS.has(key) ? undefined : value)));
}

export function asksTheSameQuestions(a: QuestionnaireVersion, b: QuestionnaireVersion): boolean {
  if (a.survey !== b.survey || a.screens.length !== b.screens.length) return false;
  if (a.settings.overallQuestionId !== b.settings.overallQuestionId) return false;
  return a.screens.every((screen, i) => JSON.stringify(structureOf(screen)) === JSON.stringify(structureOf(b.screens[i]!)));
}

/**
 * The words a response kept in `version` is shown in when answered in `mode`:
 * the version itself when it is asked that way, else a shipped version asking the
 * same questions in that mode (the latest in use), else null: it cannot be
 * answered that way. Answers are stored against `version` either way.
 */
export function wordingFor(version: QuestionnaireVersion, mode: Mode): QuestionnaireVersion | null {
  if (version.settings.modes.includes(mode)) return version;
  const twins = listQuestionnaireVersions().filter((v) => v.settings.modes.includes(mode) && asksTheSameQuestions(version, v));
  twins.sort((a, b) => ((a.inUse?.fromContactMonth ?? "") < (b.inUse?.fromContactMonth ?? "") ? 1 : -1));
  return twins[0] ?? null;
}
