"use client";
import Link from "next/link";
import { useActionState } from "react";
import { answerScreenAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { KeyLegend } from "@/components/questionnaire/KeyLegend";
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
}

/**
 * One interview screen in interviewer mode: QuestionScreen (read-out text in large
 * type, instructions set apart, each answer with its key) inside QuestionKeyboard
 * (the one key scheme of answer-form.ts: numbers for the answers, D don't know,
 * R refused, on every version and scale; Enter continues; focus on the question).
 * The keys are listed beside the question, not folded away.
 */
export function InterviewForm(props: Props) {
  const { caseId, screen, caseAttributes, fields, revision, caption, backHref } = props;
  const [state, action, pending] = useActionState(answerScreenAction, null);
  const failed = state && !state.ok ? state : null;
  const message = failed ? (failed.fieldErrors?.answer ?? failed.message) : undefined;
  const errorField = screen.kind === "text" ? "text" : answerFieldId();

  return (
    <>
      {backHref && (
        <Link className="govuk-back-link" href={backHref}>
          Back
        </Link>
      )}
      <div>
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
      <KeyLegend screen={screen} mode="PHONE" />
    </>
  );
}
