"use client";
import Link from "next/link";
import { useActionState, useRef, type KeyboardEvent } from "react";
import { answerScreenAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { QuestionKeyboard } from "@/components/questionnaire/QuestionKeyboard";
import { answerFieldId, QuestionScreen } from "@/components/questionnaire/QuestionScreen";
import type { AnswerFields, CaseAttributes, Screen } from "@/lib/questionnaire";

interface Props {
  caseId: string;
  screen: Screen;
  caseAttributes: CaseAttributes;
  /** the stored answer of this screen, shown when coming back to it */
  fields: AnswerFields;
  revision: number;
  caption: string;
  backHref: string | null;
  /** form values of the "Don't know" option and of the refusal, when this screen has them */
  dontKnowValue?: string;
  refusedValue?: string;
}

const TYPING = "textarea, select, input:not([type=radio]):not([type=checkbox])";

/**
 * One interview screen in interviewer mode: QuestionScreen (read-out text in large
 * type, instructions set apart, numbered options) inside QuestionKeyboard (number
 * keys, Enter continues, focus on the question). Added here: D picks "Don't know"
 * and R "Refused" on any screen that has them, while focus is in the question
 * (WCAG 2.1.4), so both are always one key away whatever their number.
 */
export function InterviewForm(props: Props) {
  const { caseId, screen, caseAttributes, fields, revision, caption, backHref, dontKnowValue, refusedValue } = props;
  const [state, action, pending] = useActionState(answerScreenAction, null);
  const ref = useRef<HTMLDivElement>(null);
  const failed = state && !state.ok ? state : null;
  const message = failed ? (failed.fieldErrors?.answer ?? failed.message) : undefined;
  const errorField = screen.kind === "text" ? "text" : answerFieldId();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).matches(TYPING)) return;
    const key = event.key.toLowerCase();
    const value = key === "d" ? dontKnowValue : key === "r" ? refusedValue : undefined;
    if (!value) return;
    const input = ref.current?.querySelector<HTMLInputElement>(`input[name="answer"][value="${CSS.escape(value)}"]`);
    if (!input) return;
    event.preventDefault();
    if (!input.checked) input.click();
    input.focus();
  }

  return (
    <>
      {backHref && (
        <Link className="govuk-back-link" href={backHref}>
          Back
        </Link>
      )}
      {/* Key handling for the question inside: its controls remain ordinary focusable inputs. */}
      <div ref={ref} onKeyDown={onKeyDown}>
        <QuestionKeyboard screenKey={screen.id} focusHeading={!message}>
          <ErrorSummary errors={message ? [{ field: errorField, message }] : []} />
          <form action={action} noValidate key={screen.id}>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="screenId" value={screen.id} />
            <input type="hidden" name="expectedRevision" value={revision} />
            <QuestionScreen screen={screen} caseAttributes={caseAttributes} mode="PHONE" fields={fields} error={message} caption={caption} />
            <button type="submit" className="govuk-button" data-continue="" data-module="govuk-button" disabled={pending}>
              Continue
            </button>
          </form>
        </QuestionKeyboard>
      </div>
      <KeyLegend hasDontKnow={!!dontKnowValue} hasRefused={!!refusedValue} />
    </>
  );
}

function KeyLegend({ hasDontKnow, hasRefused }: { hasDontKnow: boolean; hasRefused: boolean }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Keyboard</span>
      </summary>
      <div className="govuk-details__text">
        <ul className="govuk-list">
          <li>Number keys choose the answer showing that number.</li>
          {hasDontKnow && <li>D chooses &ldquo;Don&apos;t know&rdquo;.</li>}
          {hasRefused && <li>R chooses &ldquo;Refused&rdquo;.</li>}
          <li>Enter continues. Back returns to the previous question with its answer kept.</li>
        </ul>
      </div>
    </details>
  );
}
