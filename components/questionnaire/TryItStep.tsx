import Link from "next/link";
import { ErrorSummary } from "@/components/ErrorSummary";
import { describeAnswer, type QuestionnaireVersion } from "@/lib/questionnaire";
import { tryHiddenFields, tryQuery, type TryState, type TryView } from "@/lib/questionnaire/try-it";
import { CONTACT_REASON_LABELS, MODE_LABELS, PAYMENT_METHOD_LABELS } from "./labels";
import { KeyLegend } from "./KeyLegend";
import { QuestionKeyboard } from "./QuestionKeyboard";
import { answerFieldId, QuestionScreen } from "./QuestionScreen";
import { CLIENT_ROLE_LABELS } from "@/lib/interchange/codes";
import { SummaryList } from "@/components/govuk/SummaryList";

interface Props {
  version: QuestionnaireVersion;
  state: TryState;
  view: TryView;
}

function CaseSummary({ state }: { state: TryState }) {
  const { role, contactReason, paymentMethod, contactMonth } = state.caseAttributes;
  const rows: [string, string][] = [
    ["Shown", MODE_LABELS[state.mode]],
    ["Client's role", role ? CLIENT_ROLE_LABELS[role] : "Not set"],
    ["Reason for contact", contactReason ? CONTACT_REASON_LABELS[contactReason] : "Not set"],
    ["Payment method", paymentMethod ? PAYMENT_METHOD_LABELS[paymentMethod] : "Not set"],
    ["Contact month", contactMonth ?? "Not set"],
  ];
  return (
    <details className="govuk-details govuk-!-margin-top-6">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">The case you are trying (nothing is stored)</span>
      </summary>
      <div className="govuk-details__text">
        <SummaryList noBorder rows={rows.map(([key, value]) => ({ key, value }))} />
      </div>
    </details>
  );
}

/** One step of "try it": a screen of the questionnaire, or the end with what would be stored. */
export function TryItStep({ version, state, view }: Props) {
  const base = `/questionnaires/${version.id}/try`;
  const setupHref = base;
  if (view.kind === "done") {
    return (
      <>
        {view.backQuery && (
          <Link className="govuk-back-link" href={`${base}${view.backQuery}`}>
            Back
          </Link>
        )}
        <QuestionKeyboard screenKey="done">
          <span className="govuk-caption-l">Try {version.id}</span>
          <h1 className="govuk-heading-l" tabIndex={-1} data-question-heading="">
            End of the questionnaire
          </h1>
          <p className="govuk-body">
            {view.complete ? "Every question on this route was answered: the interview would be complete." : "Some questions on this route were not answered."}{" "}
            These answers would be stored and used in results:
          </p>
          <SummaryList
            rows={Object.entries(view.effective).map(([id, value]) => {
              const screen = version.screens.find((s) => s.id === id);
              return { key: id, value: screen ? describeAnswer(screen, value) : "" };
            })}
          />
          {view.offRoute.length > 0 && (
            <div className="govuk-inset-text">
              Answered earlier but no longer on the route after a change, so kept in the history and left out of results: {view.offRoute.join(", ")}.
            </div>
          )}
          <div className="govuk-button-group">
            <Link className="govuk-button" href={setupHref} role="button" draggable={false}>
              Try again
            </Link>
            <Link className="govuk-link" href={`/questionnaires/${version.id}`}>
              Preview {version.id}
            </Link>
          </div>
        </QuestionKeyboard>
        <CaseSummary state={state} />
      </>
    );
  }

  const { screen, error, fields } = view;
  const errorField = screen.kind === "text" && error?.code !== "EXCLUSIVE_OPTION" ? "text" : answerFieldId();
  return (
    <>
      <Link className="govuk-back-link" href={view.backQuery ? `${base}${view.backQuery}` : setupHref}>
        {view.backQuery ? "Back" : "Back to the case details"}
      </Link>
      <QuestionKeyboard screenKey={`${screen.id}:${tryQuery(state)}`} focusHeading={!error}>
        {error && <ErrorSummary errors={[{ field: errorField, message: error.message }]} />}
        <form method="get" action={base} noValidate key={`${screen.id}:${tryQuery(state)}`}>
          {tryHiddenFields(state, screen.id).map(([name, value]) => (
            <input type="hidden" name={name} value={value} key={name} />
          ))}
          <QuestionScreen
            screen={screen}
            caseAttributes={state.caseAttributes}
            mode={state.mode}
            fields={fields}
            error={error?.message}
            caption={`${version.id} · screen ${view.number} of ${view.total}${state.mode === "PHONE" ? ` · ${screen.id}` : ""}`}
          />
          <button type="submit" className="govuk-button" data-continue="" data-module="govuk-button">
            Continue
          </button>
        </form>
      </QuestionKeyboard>
      {state.mode === "PHONE" && <KeyLegend screen={screen} mode="PHONE" />}
      <CaseSummary state={state} />
    </>
  );
}
