import { renderSegments, type CaseAttributes } from "@/lib/questionnaire";
import styles from "./QuestionScreen.module.css";

/**
 * Question text with its fills from the case, as React text nodes (so a fill can
 * never inject markup). Fills are marked for interviewers and in the preview; a
 * fill the case lacks shows the seed's bracket text, e.g. "(month)".
 */
export function FilledText({ text, caseAttributes, markFills }: { text: string; caseAttributes: CaseAttributes; markFills: boolean }) {
  return (
    <>
      {renderSegments(text, caseAttributes).map((segment, i) =>
        segment.kind === "text" || !markFills ? (
          segment.text
        ) : (
          <span key={i} className={segment.missing ? styles.fillMissing : styles.fill}>
            {segment.text}
          </span>
        ),
      )}
    </>
  );
}
