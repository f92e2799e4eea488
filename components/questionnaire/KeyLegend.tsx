import { specialKeysOf, type Mode, type Screen } from "@/lib/questionnaire";

/**
 * The keys of the one key scheme (answer-form.ts SPECIAL_KEYS), listed beside
 * the question rather than folded away (issue 18): the same legend on a live
 * interview and in "try it".
 */
export function KeyLegend({ screen, mode }: { screen: Screen; mode: Mode }) {
  const { dontKnow, refused } = specialKeysOf(screen, mode);
  return (
    <section aria-labelledby="keys-heading" className="govuk-!-margin-top-4" data-testid="key-legend">
      <h2 className="govuk-heading-s" id="keys-heading">
        Keys
      </h2>
      <ul className="govuk-list">
        <li>1 to 9, then 0: the answer showing that number</li>
        <li>D: Don&apos;t know{dontKnow ? "" : " (not on this question)"}</li>
        <li>R: Refused{refused ? "" : " (not on this question)"}</li>
        <li>Enter: continue. Back returns to the previous question with its answer kept.</li>
      </ul>
    </section>
  );
}
