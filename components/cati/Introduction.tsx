import { FilledText } from "@/components/questionnaire/FilledText";
import styles from "@/components/questionnaire/QuestionScreen.module.css";
import { Instruction } from "@/components/questionnaire/QuestionScreen";
import type { CaseAttributes, QuestionnaireVersion } from "@/lib/questionnaire";

/** The questionnaire's introduction and its confidentiality and right-to-stop statement, to read when the client answers. */
export function Introduction({ version, caseAttributes }: { version: QuestionnaireVersion; caseAttributes: CaseAttributes }) {
  const screens = version.screens.filter((s) => s.kind === "info" && (s.role === "INTRODUCTION" || s.role === "CONFIDENTIALITY"));
  if (screens.length === 0) return null;
  return (
    <section aria-labelledby="introduction-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="introduction-heading">
        Introduction
      </h2>
      <p className={styles.readOutLabel}>Read out</p>
      {screens.map((s) => (
        <div key={s.id}>
          <p className={`govuk-body-l ${styles.readOut}`}>
            <FilledText text={s.text} caseAttributes={caseAttributes} markFills />
          </p>
          {s.kind === "info" && <Instruction text={s.interviewerInstruction} caseAttributes={caseAttributes} />}
        </div>
      ))}
    </section>
  );
}
