import Link from "next/link";
import { Button, Select, TextInput } from "@/components/govuk";
import { Table } from "@/components/govuk/Table";
import { requireRole } from "@/lib/auth/session";
import { DISPOSITIONS, dispositionWords } from "@/lib/cati";
import { caseSearchSchema } from "@/lib/cati/case-search-schema";
import { listCaseSearchChoices, searchCases } from "@/lib/cati/db/case-search";
import { formatNumber, formatWeekdayDateTime } from "@/lib/format";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Cases" });

type Params = Record<string, string | string[] | undefined>;

/** Supervisors find a case (issue 18) by client reference, sample, disposition or interviewer: a GET form, so it works without JavaScript and the address is the search. */
export default staffPage(async function CasesPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireRole("fieldwork:monitor");
  const params = await searchParams;
  const search = caseSearchSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const searched = Boolean(search.clientRef || search.sampleId || search.disposition || search.interviewerId);
  const [choices, found] = await Promise.all([listCaseSearchChoices(), searched ? searchCases({ search }) : Promise.resolve(null)]);
  const query = new URLSearchParams(Object.entries(search).filter(([k, v]) => k !== "page" && typeof v === "string") as [string, string][]);
  return (
    <>
      <span className="govuk-caption-l">Fieldwork</span>
      <h1 className="govuk-heading-l">Cases</h1>
      <p className="govuk-body">Find a case by any of these, then open it to see every call and the answers given so far.</p>
      <form method="get" action="/supervisor/cases" noValidate>
        <TextInput
          id="clientRef"
          name="clientRef"
          label="Client reference"
          width="20"
          autoComplete="off"
          spellCheck={false}
          defaultValue={search.clientRef ?? ""}
        />
        <Select id="sampleId" name="sampleId" label="Sample" anyLabel="Any sample" options={choices.samples} defaultValue={search.sampleId ?? ""} />
        <Select
          id="disposition"
          name="disposition"
          label="Disposition"
          anyLabel="Any disposition"
          options={Object.keys(DISPOSITIONS).map((code) => ({ value: code, label: dispositionWords(code) }))}
          defaultValue={search.disposition ?? ""}
        />
        <Select
          id="interviewerId"
          name="interviewerId"
          label="Called by"
          anyLabel="Any interviewer"
          options={choices.interviewers}
          defaultValue={search.interviewerId ?? ""}
        />
        <Button>Search</Button>
      </form>
      {found && (
        <>
          <h2 className="govuk-heading-m">
            {found.total === 0 ? "No cases match" : `${formatNumber(found.total)} ${found.total === 1 ? "case matches" : "cases match"}`}
          </h2>
          {found.cases.length > 0 && (
            <Table
              caption={found.pages > 1 ? `Page ${found.page} of ${found.pages}` : "Matching cases"}
              captionSize={found.pages > 1 ? "s" : "hidden"}
              rows={found.cases}
              rowKey={(c) => c.id}
              data-testid="case-results"
              columns={[
                {
                  header: "Client reference",
                  cell: (c) => (
                    <Link className="govuk-link" href={`/supervisor/cases/${c.id}`}>
                      {c.service} {c.clientRef}
                    </Link>
                  ),
                },
                { header: "Sample", cell: (c) => c.sample },
                { header: "Disposition", cell: (c) => `${dispositionWords(c.disposition)}${c.final ? ", final" : ""}` },
                { header: "Calls", cell: (c) => formatNumber(c.attempts) },
                { header: "Last call", cell: (c) => (c.lastCallAt ? `${formatWeekdayDateTime(c.lastCallAt)}, ${c.lastInterviewer}` : "Not called yet") },
              ]}
            />
          )}
          {found.pages > 1 && (
            <nav className="govuk-pagination govuk-pagination--block" aria-label="Case search pages">
              {found.page > 1 && (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" href={`/supervisor/cases?${query}&page=${found.page - 1}`} rel="prev">
                    <span className="govuk-pagination__link-title">Previous page</span>
                  </Link>
                </div>
              )}
              {found.page < found.pages && (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" href={`/supervisor/cases?${query}&page=${found.page + 1}`} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </Link>
                </div>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
});
