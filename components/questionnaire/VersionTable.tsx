import Link from "next/link";
import { formatMonth, isQuestion, type QuestionnaireVersion } from "@/lib/questionnaire";
import { formatLongDate, formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

/** Whether a version has been used (lib/responses/list-version-use.ts), as plain data. */
export interface VersionUseRow {
  firstUsedAt: string | null;
  retired: boolean;
  responses: number;
  /** respondents from responses imports that answered this version, and the first interview date among them */
  imported: number;
  importedFrom: string | null;
  unchanged: boolean;
}

function UseCell({ use }: { use?: VersionUseRow }) {
  const imported = use?.imported
    ? `${formatNumber(use.imported)} imported ${use.imported === 1 ? "response" : "responses"}${use.importedFrom ? ` from ${formatLongDate(new Date(use.importedFrom))}` : ""}`
    : null;
  if (!use?.firstUsedAt) return <>{imported ? `Used by ${imported}` : "Not used yet"}</>;
  return (
    <>
      {use.retired ? "Retired" : "In use"} since {formatLongDate(new Date(use.firstUsedAt))}, {formatNumber(use.responses)}{" "}
      {use.responses === 1 ? "response" : "responses"}
      {imported && `, and ${imported}`}
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
    <Table
      caption="Questionnaire versions"
      rows={versions}
      rowKey={(v) => v.id}
      columns={[
        { header: "Version", rowHeader: true, cell: (v) => v.id },
        { header: "Questionnaire", cell: (v) => v.title },
        { header: "Contact months", cell: (v) => inUse(v) },
        { header: "Modes", cell: (v) => v.settings.modes.map((m) => (m === "PHONE" ? "Telephone" : "Online")).join(", ") },
        { header: "Questions", numeric: true, cell: (v) => v.screens.filter(isQuestion).length },
        { header: "Use", cell: (v) => <UseCell use={use[v.id]} /> },
        {
          header: <span className="govuk-visually-hidden">Actions</span>,
          cell: (v) => (
            <>
              <Link className="govuk-link" href={`/questionnaires/${v.id}`}>
                Preview<span className="govuk-visually-hidden"> {v.id}</span>
              </Link>
              {" · "}
              <Link className="govuk-link" href={`/questionnaires/${v.id}/try`}>
                Try it<span className="govuk-visually-hidden"> ({v.id})</span>
              </Link>
            </>
          ),
        },
      ]}
    />
  );
}
