import type { ReactNode } from "react";
import {
  screenChoices,
  type AnswerFields,
  type CaseAttributes,
  type Choice,
  type InfoScreen,
  type Mode,
  type Question,
  type Screen,
} from "@/lib/questionnaire";
import { FilledText } from "./FilledText";
import styles from "./QuestionScreen.module.css";

// One screen of a questionnaire as plain form controls (GOV.UK Design System
// markup), shared by the interviewer screen (PHONE), the respondent page (ONLINE),
// "try it" and the preview. No hooks and no client code: it renders in server
// components, works without JavaScript, and posts the fields that
// lib/questionnaire/answer-form.ts reads (answer, text). Put it inside a <form>
// and, for number keys and Enter, inside <QuestionKeyboard>.

export interface QuestionScreenProps {
  screen: Screen;
  caseAttributes: CaseAttributes;
  /** PHONE: the interviewer's view (read-out text, instructions, codes, keys); ONLINE: the respondent's */
  mode: Mode;
  /** what to show as chosen or entered: the stored answer (fieldsFromAnswer) or the fields just submitted */
  fields?: AnswerFields;
  /** the answer's error message (GOV.UK error message; also list it in an ErrorSummary linking to #<idPrefix>answer) */
  error?: string;
  /** 1 on a live screen (where it takes focus); lower inside the preview */
  headingLevel?: 1 | 2 | 3 | 4;
  /** keeps ids unique when several screens share a page (the preview) */
  idPrefix?: string;
  /** static: controls disabled, heading not focusable */
  preview?: boolean;
  /** e.g. "Question 3 of 12" */
  caption?: string;
}

const INFO_HEADINGS: Record<InfoScreen["role"], { PHONE: string; ONLINE: string }> = {
  INTRODUCTION: { PHONE: "Introduction", ONLINE: "About this survey" },
  CONFIDENTIALITY: { PHONE: "Confidentiality and the right to stop", ONLINE: "Your answers are confidential" },
  THANK_YOU: { PHONE: "Thank you and close", ONLINE: "Thank you" },
};

/** The element id the error summary links to: the first control of the answer. */
export function answerFieldId(idPrefix = ""): string {
  return `${idPrefix}answer`;
}

export function QuestionScreen(props: QuestionScreenProps) {
  const { screen } = props;
  return (
    <div className={styles.screen} data-screen-id={screen.id}>
      {screen.kind === "info" ? <InfoBody {...props} screen={screen} /> : <QuestionBody {...props} screen={screen} />}
    </div>
  );
}

function Heading({
  level = 1,
  id,
  preview,
  className,
  children,
}: {
  level?: 1 | 2 | 3 | 4;
  id: string;
  preview?: boolean;
  className: string;
  children: ReactNode;
}) {
  const Tag = `h${level}` as const;
  // The live heading takes focus on each new screen (QuestionKeyboard), so a screen reader starts there.
  return (
    <Tag className={className} id={id} tabIndex={preview ? undefined : -1} data-question-heading={preview ? undefined : ""}>
      {children}
    </Tag>
  );
}

function sizeFor(level: number): "l" | "m" | "s" {
  return level === 1 ? "l" : level === 2 ? "m" : "s";
}

function Caption({ text, size }: { text?: string; size: "l" | "m" | "s" }) {
  return text ? <span className={`govuk-caption-${size === "s" ? "m" : size}`}>{text}</span> : null;
}

/** Interviewer instructions: set apart from the words read aloud, never shown to respondents. */
export function Instruction({ text, caseAttributes }: { text?: string; caseAttributes: CaseAttributes }) {
  if (!text) return null;
  return (
    <div className={styles.instruction}>
      <strong className={styles.instructionLabel}>Interviewer instruction</strong> <FilledText text={text} caseAttributes={caseAttributes} markFills />
    </div>
  );
}

function InfoBody({ screen, caseAttributes, mode, headingLevel = 1, idPrefix = "", preview, caption }: QuestionScreenProps & { screen: InfoScreen }) {
  const size = sizeFor(headingLevel);
  return (
    <>
      <Caption text={caption} size={size} />
      <Heading level={headingLevel} id={`${idPrefix}question-heading`} preview={preview} className={`govuk-heading-${size}`}>
        {INFO_HEADINGS[screen.role][mode]}
      </Heading>
      {mode === "PHONE" && <p className={styles.readOutLabel}>Read out</p>}
      <p className={`govuk-body-l ${mode === "PHONE" ? styles.readOut : ""}`}>
        <FilledText text={screen.text} caseAttributes={caseAttributes} markFills={mode === "PHONE" || !!preview} />
      </p>
      {mode === "PHONE" && <Instruction text={screen.interviewerInstruction} caseAttributes={caseAttributes} />}
    </>
  );
}

function QuestionBody(props: QuestionScreenProps & { screen: Question }) {
  const { screen, caseAttributes, mode, headingLevel = 1, idPrefix = "", preview, caption, error, fields } = props;
  const size = sizeFor(headingLevel);
  const choices = screenChoices(screen, mode);
  const headingId = `${idPrefix}question-heading`;
  const errorId = `${idPrefix}answer-error`;
  const markFills = mode === "PHONE" || !!preview;
  const questionText = (
    <>
      {screen.blockIntro && (
        <span className={styles.blockIntro}>
          <FilledText text={screen.blockIntro} caseAttributes={caseAttributes} markFills={markFills} />{" "}
        </span>
      )}
      <FilledText text={screen.text} caseAttributes={caseAttributes} markFills={markFills} />
    </>
  );
  const errorMessage = error ? (
    <p id={errorId} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
  const readOut = mode === "PHONE" ? <p className={styles.readOutLabel}>Read out</p> : null;

  if (screen.kind === "text") {
    const fieldId = `${idPrefix}text`;
    const hintId = `${idPrefix}text-hint`;
    const refusal = choices[0];
    return (
      <>
        <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <Caption text={caption} size={size} />
          {readOut}
          <Heading level={headingLevel} id={headingId} preview={preview} className="govuk-label-wrapper">
            <label className={`govuk-label govuk-label--${size}`} htmlFor={fieldId}>
              {questionText}
            </label>
          </Heading>
          {mode === "PHONE" && (
            <Instruction text={screen.interviewerInstruction ?? "Type the client's words as they say them."} caseAttributes={caseAttributes} />
          )}
          <div id={hintId} className="govuk-hint">
            {screen.optional ? "Optional. " : ""}You can enter up to {screen.maxLength} characters.
          </div>
          {errorMessage}
          <textarea
            className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
            id={fieldId}
            name="text"
            rows={5}
            maxLength={screen.maxLength}
            defaultValue={fields?.text ?? ""}
            aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
            disabled={preview}
          />
        </div>
        {refusal && (
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={answerFieldId(idPrefix)}
                  name="answer"
                  type="checkbox"
                  value={refusal.value}
                  defaultChecked={fields?.answer.includes(refusal.value)}
                  disabled={preview}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={answerFieldId(idPrefix)}>
                  {refusal.label}
                </label>
              </div>
            </div>
          </div>
        )}
      </>
    );
  }

  const multiple = screen.kind === "multiple";
  const kind = multiple ? "checkboxes" : "radios";
  const inline = screen.kind === "rating" && choices.filter((c) => !c.special).length <= 11 && !preview;
  const hintId = `${idPrefix}answer-hint`;
  // Versions may already say it in the question (CES_CHANNELS does).
  const hint = multiple && !/all that apply/i.test(screen.text) ? "Select all that apply." : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>
          <Caption text={caption} size={size} />
          {readOut}
          <Heading level={headingLevel} id={headingId} preview={preview} className="govuk-fieldset__heading">
            {questionText}
          </Heading>
        </legend>
        {mode === "PHONE" && <Instruction text={screen.interviewerInstruction} caseAttributes={caseAttributes} />}
        {hint && (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        )}
        {errorMessage}
        <div className={`govuk-${kind}${inline ? ` govuk-${kind}--inline` : ""}`} data-module={`govuk-${kind}`}>
          {choices.map((choice, i) => (
            <ChoiceItem
              key={choice.value}
              choice={choice}
              kind={kind}
              id={i === 0 ? answerFieldId(idPrefix) : `${answerFieldId(idPrefix)}-${i + 1}`}
              divider={choice.special && !(choices[i - 1]?.special ?? false) && !inline}
              checked={fields?.answer.includes(choice.value) ?? false}
              showCode={mode === "PHONE"}
              preview={preview}
            />
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function ChoiceItem({
  choice,
  kind,
  id,
  divider,
  checked,
  showCode,
  preview,
}: {
  choice: Choice;
  kind: "radios" | "checkboxes";
  id: string;
  divider: boolean;
  checked: boolean;
  showCode: boolean;
  preview?: boolean;
}) {
  const hintId = `${id}-hint`;
  return (
    <>
      {divider && <div className={`govuk-${kind}__divider`}>or</div>}
      <div className={`govuk-${kind}__item`}>
        <input
          className={`govuk-${kind}__input`}
          id={id}
          name="answer"
          type={kind === "radios" ? "radio" : "checkbox"}
          value={choice.value}
          defaultChecked={checked}
          disabled={preview}
          data-key={choice.key}
          data-behaviour={kind === "checkboxes" && choice.exclusive ? "exclusive" : undefined}
          aria-describedby={choice.hint ? hintId : undefined}
        />
        <label className={`govuk-label govuk-${kind}__label`} htmlFor={id}>
          {showCode && choice.key && (
            <>
              <kbd className={styles.key}>{choice.key}</kbd>{" "}
            </>
          )}
          {choice.label}
          {showCode && choice.code && choice.code !== choice.label && <span className={styles.code}> {choice.code}</span>}
        </label>
        {choice.hint && (
          <div id={hintId} className={`govuk-hint govuk-${kind}__hint`}>
            {choice.hint}
          </div>
        )}
      </div>
    </>
  );
}
