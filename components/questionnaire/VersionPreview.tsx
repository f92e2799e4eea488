import Link from "next/link";
import { describeAskedOf, isQuestion, serviceSchema, type Mode, type QuestionnaireVersion, type Screen } from "@/lib/questionnaire";
import { serviceOf } from "@/lib/questionnaire/try-it";
import { QuestionScreen } from "./QuestionScreen";

const KIND_LABELS: Record<Screen["kind"], string> = {
  info: "Information screen",
  single: "Single choice",
  yesNo: "Yes or no",
  rating: "Rating",
  multiple: "Multiple choice",
  text: "Free text",
};

const VIEW_HEADINGS: Record<Mode, string> = {
  PHONE: "The interviewer sees (telephone)",
  ONLINE: "The respondent sees (online)",
};

/**
 * Every screen of a version, read-only, as each of its modes shows it, with
 * the routing rule in words. Fills show their placeholders ("(month)").
 */
export function VersionPreview({ version }: { version: QuestionnaireVersion }) {
  const caseAttributes = { service: serviceSchema.parse(serviceOf(version.survey)) };
  const modes: Mode[] = (["PHONE", "ONLINE"] as const).filter((m) => version.settings.modes.includes(m));
  const questions = version.screens.filter(isQuestion).length;
  return (
    <>
      <span className="govuk-caption-l">{version.id}</span>
      <h1 className="govuk-heading-l">{version.title}</h1>
      <p className="govuk-body">
        {version.screens.length} screens, {questions} questions. Asked {modes.map((m) => (m === "PHONE" ? "by telephone" : "online")).join(" and ")}. This is a
        read-only preview: a version that has been used cannot be changed, only replaced by a new version.
      </p>
      <Link className="govuk-button govuk-button--secondary" href={`/questionnaires/${version.id}/try`} role="button" draggable={false}>
        Try {version.id}
      </Link>
      <ol className="govuk-list">
        {version.screens.map((screen, i) => (
          <li key={screen.id} className="govuk-!-margin-bottom-8" aria-labelledby={`screen-${screen.id}`}>
            <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
            <h2 className="govuk-heading-m fw-wrap-anywhere" id={`screen-${screen.id}`}>
              {i + 1}. {screen.id} <span className="govuk-tag govuk-tag--grey">{KIND_LABELS[screen.kind]}</span>
            </h2>
            <p className="govuk-body">
              <strong>{describeAskedOf(screen, version)}</strong>
            </p>
            <div className="govuk-grid-row">
              {modes.map((mode) => (
                <section
                  key={mode}
                  className={modes.length > 1 ? "govuk-grid-column-one-half" : "govuk-grid-column-two-thirds"}
                  aria-label={`${screen.id}: ${VIEW_HEADINGS[mode]}`}
                >
                  <h3 className="govuk-heading-s">{VIEW_HEADINGS[mode]}</h3>
                  <QuestionScreen screen={screen} caseAttributes={caseAttributes} mode={mode} preview headingLevel={4} idPrefix={`${screen.id}-${mode}-`} />
                </section>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
