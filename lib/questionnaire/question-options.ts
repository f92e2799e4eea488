import type { Option, Screen } from "./schema";

/** A yes/no question's options (interchange.md §2: YES, NO). */
export const YES_NO_OPTIONS: readonly Option[] = [
  { code: "YES", label: "Yes" },
  { code: "NO", label: "No" },
];

/** The options a respondent chooses from; empty for ratings, free text and information screens. */
export function choiceOptions(screen: Screen): readonly Option[] {
  switch (screen.kind) {
    case "single":
    case "multiple":
      return screen.options;
    case "yesNo":
      return YES_NO_OPTIONS;
    default:
      return [];
  }
}
