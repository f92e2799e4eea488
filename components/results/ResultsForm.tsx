import type { ResultsPageData } from "@/lib/results/db/results-page";
import { BREAKDOWN_LABELS, PROFILE_BREAKDOWNS, WEIGHTING_LABELS } from "@/lib/results/format";
import { WEIGHTINGS } from "@/lib/results/results-request";
import { Select, TextInput } from "@/components/govuk";

const SURVEY_LABELS: Record<string, string> = {
  CES: "CMS Customer Experience Survey (CES)",
  CMS: "CMS client satisfaction (monthly)",
  OPTIONS: "Child Maintenance Options client satisfaction",
};

function MonthInput({ id, label, value, error }: { id: string; label: string; value: string; error?: string }) {
  return (
    <TextInput
      id={id}
      name={id}
      label={label}
      hint="For example, 2023-04. Leave empty for all months."
      width="10"
      defaultValue={value}
      inputMode="numeric"
      spellCheck={false}
      error={error}
    />
  );
}

/** The results question as a GET form: the URL is the request, so results can be shared and work without JavaScript. */
export function ResultsForm({ data, errorField, errorMessage }: { data: ResultsPageData; errorField?: string; errorMessage?: string }) {
  const r = data.request;
  const err = (f: string) => (errorField === f ? errorMessage : undefined);
  const breakdowns = ["", ...PROFILE_BREAKDOWNS, "mode", "questionnaire_version", ...(r.survey === "CES" ? ["CES_DIGITAL"] : [])];
  return (
    <form method="get" action="/results" className="fw-results-form">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">What to show</legend>
        <Select
          id="survey"
          name="survey"
          label="Survey"
          defaultValue={r.survey}
          error={err("survey")}
          options={data.surveys.map((s) => ({
            value: s.survey,
            label: `${SURVEY_LABELS[s.survey] ?? s.survey} – ${s.respondents} respondents${s.firstMonth ? `, ${s.firstMonth} to ${s.lastMonth}` : ""}`,
          }))}
        />
        <Select
          id="measure"
          name="measure"
          label="Measure"
          hint="Measures of the survey chosen above; change the survey and press Show results to see its measures."
          defaultValue={r.measure}
          error={err("measure")}
          options={data.measures.map((m) => ({ value: m.id, label: m.label }))}
        />
        <Select
          id="statistic"
          name="statistic"
          label="Statistic"
          hint="A mean score is for 1-10 ratings"
          defaultValue={r.statistic ?? "proportion"}
          error={err("statistic")}
          options={[
            { value: "proportion", label: "Percentage positive" },
            { value: "mean", label: "Mean score (1-10 ratings)" },
          ]}
        />
        <MonthInput id="from" label="From month" value={r.from ?? ""} error={err("from")} />
        <MonthInput id="to" label="To month" value={r.to ?? ""} error={err("to")} />
        <Select
          id="by"
          name="by"
          label="Breakdown"
          defaultValue={r.by ?? ""}
          error={err("by")}
          options={breakdowns.map((b) => ({
            value: b,
            label: !b
              ? "No breakdown"
              : b === "role" && r.survey === "OPTIONS"
                ? "Options care type (main day-to-day care or some/no care)"
                : (BREAKDOWN_LABELS[b] ?? b),
          }))}
        />
        <Select
          id="weights"
          name="weights"
          label="Weighting"
          defaultValue={r.weights ?? "none"}
          error={err("weights")}
          options={WEIGHTINGS.map((w) => ({ value: w, label: WEIGHTING_LABELS[w] }))}
        />
        <Select
          id="targetSet"
          name="targetSet"
          label="Population targets"
          hint="Needed for design weights, post-stratification and raking. Upload targets on the import page."
          defaultValue={r.targetSet ?? ""}
          error={err("targetSet")}
          options={[{ value: "", label: "None" }, ...data.targetSets.map((t) => ({ value: t.name, label: `${t.name} (${t.variables.join(", ")})` }))]}
        />
        <TextInput
          id="minimumBase"
          name="minimumBase"
          label="Minimum base"
          hint="Figures on fewer respondents are not shown. Default 10."
          width="4"
          defaultValue={String(r.minimumBase ?? "")}
          inputMode="numeric"
          error={err("minimumBase")}
        />
      </fieldset>
      <button type="submit" className="govuk-button">
        Show results
      </button>
    </form>
  );
}
