import Link from "next/link";
import { Button, ErrorSummary, Select, Table, TextInput } from "@/components/govuk";
import type { AuditLogEntry, AuditLogQuery } from "@/lib/audit/log";
import { SUBJECT_TYPES } from "@/lib/audit/describe";
import { formatDateTimeSeconds } from "@/lib/format";

interface Choices {
  people: { id: string; name: string }[];
  actions: { code: string; label: string }[];
  samples: { id: string; label: string }[];
}

/** Filters as a GET form (works without JavaScript; the address can be bookmarked and shared). */
export function AuditFilters({ query, choices, errors }: { query: AuditLogQuery; choices: Choices; errors: Record<string, string> }) {
  const summary = Object.entries(errors).map(([field, message]) => ({ field: `audit-${field}`, message }));
  return (
    <form method="get" action="/admin/audit" noValidate>
      <ErrorSummary errors={summary} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Select
            id="audit-actor"
            name="actor"
            label="Who"
            anyLabel="Anyone"
            options={choices.people.map((p) => ({ value: p.id, label: p.name }))}
            defaultValue={query.actor ?? ""}
            error={errors.actor}
          />
          <Select
            id="audit-action"
            name="action"
            label="What"
            anyLabel="Any action"
            options={choices.actions.map((a) => ({ value: a.code, label: a.label }))}
            defaultValue={query.action ?? ""}
            error={errors.action}
          />
          <Select
            id="audit-sample"
            name="sample"
            label="Sample (its cases and calls too)"
            anyLabel="Any sample"
            options={choices.samples.map((s) => ({ value: s.id, label: s.label }))}
            defaultValue={query.sample ?? ""}
            error={errors.sample}
          />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select
            id="audit-subjectType"
            name="subjectType"
            label="About"
            anyLabel="Anything"
            options={Object.entries(SUBJECT_TYPES).map(([value, label]) => ({ value, label }))}
            defaultValue={query.subjectType ?? ""}
            error={errors.subjectType}
          />
          <TextInput
            id="audit-subjectId"
            name="subjectId"
            label="Client reference or id"
            hint="A case's client reference, or the id of a user, sample or import"
            defaultValue={query.subjectId ?? ""}
            error={errors.subjectId}
            spellCheck={false}
          />
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <TextInput
                id="audit-from"
                name="from"
                label="From (UK date)"
                hint="For example 2026-12-01"
                defaultValue={query.from ?? ""}
                error={errors.from}
                inputMode="numeric"
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <TextInput
                id="audit-to"
                name="to"
                label="To (UK date)"
                hint="For example 2026-12-31"
                defaultValue={query.to ?? ""}
                error={errors.to}
                inputMode="numeric"
              />
            </div>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <Button type="submit">Show events</Button>
        <Link href="/admin/audit" className="govuk-link">
          Clear filters
        </Link>
      </div>
    </form>
  );
}

function subjectCell(e: AuditLogEntry) {
  if (!e.subject) return "—";
  const text = `${e.subject.typeLabel}: ${e.subject.label}`;
  if (e.subject.sampleId)
    return (
      <Link href={`/samples/${e.subject.sampleId}`} className="govuk-link">
        {text}
      </Link>
    );
  return text;
}

function detailsCell(e: AuditLogEntry) {
  const pairs = Object.entries(e.details).filter(([, v]) => v !== null && v !== undefined && v !== "");
  if (pairs.length === 0) return null;
  return (
    <details className="govuk-details govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Details</span>
      </summary>
      <div className="govuk-details__text fw-wrap-anywhere">
        {pairs.map(([k, v]) => (
          <div key={k}>
            {k}: {typeof v === "object" ? JSON.stringify(v) : String(v)}
          </div>
        ))}
      </div>
    </details>
  );
}

export function AuditTable({ entries }: { entries: AuditLogEntry[] }) {
  return (
    <Table
      caption="Audit events, newest first"
      captionSize="hidden"
      rows={entries}
      rowKey={(e) => e.key}
      compact
      columns={[
        { header: "When (UK time)", cell: (e) => formatDateTimeSeconds(e.at) },
        { header: "Who", cell: (e) => e.actor?.name ?? "The system or a respondent" },
        { header: "What", cell: (e) => e.description },
        { header: "About", cell: subjectCell },
        { header: "Details", cell: detailsCell },
      ]}
    />
  );
}
