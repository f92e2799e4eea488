import { questionnaireVersionSchema, type QuestionnaireVersion } from "./schema";
import { ces2023 } from "./versions/ces-2023";
import { cms2013 } from "./versions/cms-2013";
import { cms2015 } from "./versions/cms-2015";
import { cms2015Online } from "./versions/cms-2015-online";
import { options2014 } from "./versions/options-2014";
import { rtcf1 } from "./versions/rtcf-1";

// The shipped questionnaire versions, each parsed (and statically checked) once.
// A version in use is never edited: a change is a new version id (questionnaires.md).

const SOURCES = [cms2013, cms2015, cms2015Online, options2014, ces2023, rtcf1];

let parsed: ReadonlyMap<string, QuestionnaireVersion> | undefined;

function versions(): ReadonlyMap<string, QuestionnaireVersion> {
  if (!parsed) {
    const map = new Map<string, QuestionnaireVersion>();
    for (const source of SOURCES) {
      const result = questionnaireVersionSchema.safeParse(source);
      if (!result.success) {
        // A shipped version that fails its checks is a programming error: fail loudly.
        throw new Error(`questionnaire version ${source.id} is invalid:\n${formatIssues(result.error.issues)}`);
      }
      map.set(result.data.id, deepFreeze(result.data));
    }
    parsed = map;
  }
  return parsed;
}

function formatIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => `  ${i.path.map(String).join(".")}: ${i.message}`).join("\n");
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The version with this id (e.g. "CMS-2015"), or undefined if the system does not know it. */
export function getQuestionnaireVersion(id: string): QuestionnaireVersion | undefined {
  return versions().get(id);
}

/** Every shipped version, in the order above (oldest design first within a survey). */
export function listQuestionnaireVersions(): QuestionnaireVersion[] {
  return [...versions().values()];
}
