import Link from "next/link";
import { formatMonth, isQuestion, type QuestionnaireVersion } from "@/lib/questionnaire";
import { formatLongDate } from "@/lib/format";

/** Whether a version has been used (lib/responses/list-version-use.ts), as plain data. */
export interface VersionUseRow {
  firstUsedAt: string | null;
  retired: boolean;
  responses: number;
  unchanged: boolean;
}


function UseCell({ use }: { use?: VersionUseRow }) {
  if (!use?.firstUsedAt) return <>Not used yet</>;
  return (
    <>
      {use.retired ? "Retired" : "In use"} since {formatLongDate(new Date(use.firstUsedAt))}, {use.responses} {use.responses === 1 ? "response" : "responses"}
      {!use.unchanged && (
        <>
          <br />
          <strong className="govuk-tag govuk-tag--red">Changed since first use: ship it under a new id</strong>
        </>
      )}
    </>
  );
}

function inUse(version: QuestionnaireVersion): string {
  if (!version.inUse) return "Not tied to contact months";
  const from = formatMonth(version.inUse.fromContactMonth);
  return version.inUse.toContactMonth ? `${from} to ${formatMonth(version.inUse.toContactMonth)}` : `From ${from}`;
}

/** The shipped questionnaire versions, with links to preview and try each. */
export function VersionTable({ versions, use }: { versions: QuestionnaireVersion[]; use: Record<string, VersionUseRow> }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Questionnaire versions</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Version</th>
          <th scope="col" className="govuk-table__header">Questionnaire</th>
          <th scope="col" className="govuk-table__header">Contact months</th>
          <th scope="col" className="govuk-table__header">Modes</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Questions</th>
          <th scope="col" className="govuk-table__header">Use</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {versions.map((v) => (
          <tr className="govuk-table__row" key={v.id}>
            <th scope="row" className="govuk-table__header">{v.id}</th>
            <td className="govuk-table__cell">{v.title}</td>
            <td className="govuk-table__cell">{inUse(v)}</td>
            <td className="govuk-table__cell">{v.settings.modes.map((m) => (m === "PHONE" ? "Telephone" : "Online")).join(", ")}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{v.screens.filter(isQuestion).length}</td>
            <td className="govuk-table__cell">
              <UseCell use={use[v.id]} />
            </td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" href={`/questionnaires/${v.id}`}>
                Preview<span className="govuk-visually-hidden"> {v.id}</span>
              </Link>
              {" · "}
              <Link className="govuk-link" href={`/questionnaires/${v.id}/try`}>
                Try it<span className="govuk-visually-hidden"> ({v.id})</span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
