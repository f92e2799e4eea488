import type { ResultsPageData } from "@/lib/results/db/results-page";
import { BREAKDOWN_LABELS, WEIGHTING_LABELS } from "@/lib/results/format";
import { WEIGHTINGS } from "@/lib/results/results-request";

const SURVEY_LABELS: Record<string, string> = {
  CES: "CMS Customer Experience Survey (CES)",
  CMS: "CMS client satisfaction (monthly)",
  OPTIONS: "Child Maintenance Options client satisfaction",
};

function Select({
  id,
  label,
  hint,
  value,
  options,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <select id={id} name={id} className={`govuk-select${error ? " govuk-select--error" : ""}`} defaultValue={value} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Month({ id, label, value, error }: { id: string; label: string; value: string; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        For example, 2023-04. Leave empty for all months.
      </div>
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        id={id}
        name={id}
        className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`}
        defaultValue={value}
        inputMode="numeric"
        spellCheck={false}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
    </div>
  );
}

/** The results question as a GET form: the URL is the request, so results can be shared and work without JavaScript. */
export function ResultsForm({ data, errorField, errorMessage }: { data: ResultsPageData; errorField?: string; errorMessage?: string }) {
  const r = data.request;
  const err = (f: string) => (errorField === f ? errorMessage : undefined);
  const breakdowns = [
    "",
    "role",
    "contact_reason",
    "age_band",
    "gender",
    "ethnicity",
    "health",
    "service_length",
    "csa_closure_letter",
    "mode",
    "questionnaire_version",
    ...(r.survey === "CES" ? ["CES_DIGITAL"] : []),
  ];
  return (
    <form method="get" action="/results" className="fw-results-form">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">What to show</legend>
        <Select
          id="survey"
          label="Survey"
          value={r.survey}
          error={err("survey")}
          options={data.surveys.map((s) => ({
            value: s.survey,
            label: `${SURVEY_LABELS[s.survey] ?? s.survey} – ${s.respondents} respondents${s.firstMonth ? `, ${s.firstMonth} to ${s.lastMonth}` : ""}`,
          }))}
        />
        <Select
          id="measure"
          label="Measure"
          hint="Measures of the survey chosen above; change the survey and press Show results to see its measures."
          value={r.measure}
          error={err("measure")}
          options={data.measures.map((m) => ({ value: m.id, label: m.label }))}
        />
        <Select
          id="statistic"
          label="Statistic"
          hint="A mean score is for 1-10 ratings"
          value={r.statistic ?? "proportion"}
          error={err("statistic")}
          options={[
            { value: "proportion", label: "Percentage positive" },
            { value: "mean", label: "Mean score (1-10 ratings)" },
          ]}
        />
        <Month id="from" label="From month" value={r.from ?? ""} error={err("from")} />
        <Month id="to" label="To month" value={r.to ?? ""} error={err("to")} />
        <Select
          id="by"
          label="Breakdown"
          value={r.by ?? ""}
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
          label="Weighting"
          value={r.weights ?? "none"}
          error={err("weights")}
          options={WEIGHTINGS.map((w) => ({ value: w, label: WEIGHTING_LABELS[w] }))}
        />
        <Select
          id="targetSet"
          label="Population targets"
          hint="Needed for design weights, post-stratification and raking. Upload targets on the import page."
          value={r.targetSet ?? ""}
          error={err("targetSet")}
          options={[{ value: "", label: "None" }, ...data.targetSets.map((t) => ({ value: t.name, label: `${t.name} (${t.variables.join(", ")})` }))]}
        />
        <div className={`govuk-form-group${err("minimumBase") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="minimumBase">
            Minimum base
          </label>
          <div id="minimumBase-hint" className="govuk-hint">
            Figures on fewer respondents are not shown. Default 10.
          </div>
          {err("minimumBase") && (
            <p id="minimumBase-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {err("minimumBase")}
            </p>
          )}
          <input
            id="minimumBase"
            name="minimumBase"
            className="govuk-input govuk-input--width-4"
            defaultValue={String(r.minimumBase ?? "")}
            inputMode="numeric"
            aria-describedby="minimumBase-hint"
          />
        </div>
      </fieldset>
      <button type="submit" className="govuk-button">
        Show results
      </button>
    </form>
  );
}
