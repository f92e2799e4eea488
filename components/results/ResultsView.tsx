import type { Estimate, Statistic } from "@/lib/analysis";
import type { ResultsReport, SeriesPoint } from "@/lib/results/report";
import { BREAKDOWN_LABELS, WEIGHTING_LABELS, chartValue, formatCi, formatValue, suppressedText } from "@/lib/results/format";
import { POSITIVE_SUFFIX } from "@/lib/results/respondent-table";
import { answerLabel, categoryLabel, questionLabel } from "@/lib/results/labels";
import { EstimateChart, type ChartPoint } from "./EstimateChart";
import { SeriesChart } from "./SeriesChart";
import { SummaryList } from "@/components/govuk/SummaryList";
import { Table } from "@/components/govuk/Table";

function Notes({ e }: { e: Estimate }) {
  const s = suppressedText(e);
  return (
    <>
      {s && <span>{s}</span>}
      {!s && e.caution && <strong className="govuk-tag govuk-tag--yellow">Treat with caution</strong>}
    </>
  );
}

/** A p-value as the tables print it. */
const formatP = (p: number) => (p < 0.001 ? "< 0.001" : p.toFixed(3));

function errorBar(e: Estimate, statistic: Statistic): [number, number] | null {
  if (e.estimate === null || !e.ci95) return null;
  const v = chartValue(e.estimate, statistic)!;
  return [v - chartValue(e.ci95[0], statistic)!, chartValue(e.ci95[1], statistic)! - v];
}

function chartScale(statistic: Statistic, values: (number | null)[]) {
  if (statistic === "proportion") return { unit: "%", max: 100 };
  return { unit: "", max: Math.max(10, ...values.map((v) => v ?? 0)) };
}

function Headline({ report }: { report: ResultsReport }) {
  const { overall, statistic, weighting, from, to } = report.results;
  const period = from || to ? `${from ?? "first month"} to ${to ?? "latest month"}` : "All months";
  return (
    <section aria-labelledby="headline-heading">
      <h2 className="govuk-heading-l" id="headline-heading">
        <span className="govuk-caption-m">{report.measure.id}</span>
        {measureName(report)}
      </h2>
      {overall.estimate === null ? (
        <div className="govuk-inset-text">
          {suppressedText(overall)} (base {overall.base}).
        </div>
      ) : (
        <p className="govuk-heading-xl govuk-!-margin-bottom-2" data-testid="headline-estimate">
          {formatValue(overall.estimate, statistic)}
        </p>
      )}
      {overall.caution && overall.estimate !== null && (
        <p className="govuk-body">
          <strong className="govuk-tag govuk-tag--yellow">Treat with caution</strong> The base is under 100 respondents.
        </p>
      )}
      <SummaryList
        rows={[
          { key: "95% confidence interval", value: formatCi(overall, statistic), valueProps: { "data-testid": "headline-ci" } },
          { key: "Base (unweighted respondents)", value: overall.base, valueProps: { "data-testid": "headline-base" } },
          {
            key: "Standard error",
            value: overall.se === null ? "–" : statistic === "proportion" ? `${(overall.se * 100).toFixed(2)} percentage points` : overall.se.toFixed(3),
          },
          {
            key: "Who was asked",
            value: report.measure.askedOf
              ? `Routed – asked of: ${report.measure.askedOf}. The base counts those asked who gave a valid answer.`
              : 'Everyone interviewed; the base excludes "Don\'t know", "Not applicable" and refusals',
          },
          { key: "Period", value: `${period} (${report.results.respondents} respondents)` },
          { key: "Weighting", value: `${WEIGHTING_LABELS[weighting]}${report.request.targetSet ? ` – targets "${report.request.targetSet}"` : ""}` },
        ]}
      />
    </section>
  );
}

function Breakdown({ report }: { report: ResultsReport }) {
  const { groups, tests, statistic, by } = report.results;
  if (!by) return null;
  const { survey } = report.results;
  const label = by === "role" && survey === "OPTIONS" ? "Options care type" : (BREAKDOWN_LABELS[by] ?? questionLabel(survey, by));
  const words = (category: string) => categoryLabel(survey, by, category);
  const differences = (category: string) =>
    tests
      .filter((t) => t.significant && (t.a === category || t.b === category))
      .map((t) => {
        const other = t.a === category ? t.b : t.a;
        const higher = t.a === category ? t.difference > 0 : t.difference < 0;
        return `${higher ? "higher" : "lower"} than ${words(other)}`;
      });
  const points: ChartPoint[] = groups.map((g) => ({ label: words(g.category), value: chartValue(g.estimate, statistic), error: errorBar(g, statistic) }));
  const scale = chartScale(
    statistic,
    points.map((p) => p.value),
  );
  return (
    <section aria-labelledby="breakdown-heading">
      <h2 className="govuk-heading-m" id="breakdown-heading">
        By {label.toLowerCase()}
      </h2>
      <p className="govuk-body">Bars show the estimate; lines show the 95% confidence interval. The table below gives the same figures.</p>
      <EstimateChart points={points} unit={scale.unit} maxValue={scale.max} />
      <Table
        caption={`${measureName(report)} by ${label.toLowerCase()}. Significant differences are at the 95% level (design-based test).`}
        captionSize="s"
        data-testid="breakdown-table"
        rows={groups}
        rowKey={(g) => g.category}
        columns={[
          { header: label, rowHeader: true, cell: (g) => words(g.category) },
          { header: "Base", numeric: true, cell: (g) => g.base },
          { header: "Estimate", numeric: true, cell: (g) => formatValue(g.estimate, statistic) },
          { header: "95% confidence interval", cell: (g) => formatCi(g, statistic) },
          { header: "Significantly different", cell: (g) => differences(g.category).join("; ") || "–" },
          { header: "Notes", cell: (g) => <Notes e={g} /> },
        ]}
      />
      {tests.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Tests between groups</span>
          </summary>
          <div className="govuk-details__text">
            <Table
              caption="Differences between each pair of groups"
              captionSize="s"
              rows={tests}
              rowKey={(t) => `${t.a}|${t.b}`}
              columns={[
                { header: "Groups", rowHeader: true, cell: (t) => `${words(t.a)} − ${words(t.b)}` },
                {
                  header: "Difference",
                  numeric: true,
                  cell: (t) => (statistic === "proportion" ? `${(t.difference * 100).toFixed(1)} points` : t.difference.toFixed(2)),
                },
                { header: "p", numeric: true, cell: (t) => formatP(t.p) },
                { header: "Significant at 95%", cell: (t) => (t.significant ? "Yes" : "No") },
              ]}
            />
          </div>
        </details>
      )}
    </section>
  );
}

function Distribution({ report }: { report: ResultsReport }) {
  const d = report.distribution;
  if (!d || d.answers.length === 0) return null;
  const survey = report.results.survey;
  const words = (code: string) => answerLabel(survey, d.question, code);
  const question = questionLabel(survey, d.question);
  const points: ChartPoint[] = d.answers.map((a) => ({
    label: words(a.category),
    value: chartValue(a.estimate, "proportion"),
    error: errorBar(a, "proportion"),
  }));
  return (
    <section aria-labelledby="distribution-heading">
      <h2 className="govuk-heading-m" id="distribution-heading">
        All answers to {d.question}
      </h2>
      <p className="govuk-body">{question}</p>
      <p className="govuk-body">
        The share of each answer among those in the base (answers outside the base, such as &quot;Don&apos;t know&quot;, are left out).
      </p>
      <EstimateChart points={points} unit="%" maxValue={100} />
      <Table
        caption={`Answers to ${d.question} (${question}), weighted, with 95% confidence intervals`}
        captionSize="s"
        data-testid="distribution-table"
        rows={d.answers}
        rowKey={(a) => a.category}
        columns={[
          { header: "Answer", rowHeader: true, cell: (a) => words(a.category) },
          { header: "Estimate", numeric: true, cell: (a) => formatValue(a.estimate, "proportion") },
          { header: "95% confidence interval", cell: (a) => formatCi(a, "proportion") },
          { header: "Notes", cell: (a) => <Notes e={a} /> },
        ]}
      />
    </section>
  );
}

function changeNote(p: SeriesPoint): string {
  if (!p.versionChange) return "";
  if (p.versions.includes("CMS-2015"))
    return `Scale change: from the quarter ending May 2015 overall satisfaction has a 4-point scale with no "Don't know" (${p.versions.join(", ")})`;
  return `Questionnaire changed: ${p.versions.join(", ")}`;
}

function Series({ id, title, points, statistic }: { id: string; title: string; points: readonly SeriesPoint[]; statistic: Statistic }) {
  if (points.length < 2) return null;
  const chart = points.map((p) => ({
    label: p.label,
    tick: shortPeriod(p.label),
    value: chartValue(p.estimate, statistic),
    error: errorBar(p, statistic),
    change: p.versionChange,
  }));
  const scale = chartScale(
    statistic,
    chart.map((p) => p.value),
  );
  const anyChange = points.some((p) => p.versionChange);
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 className="govuk-heading-s" id={`${id}-heading`}>
        {title}
      </h3>
      {id === "quarterly" && points.some((p) => p.label.startsWith("Quarter ending")) && (
        <p className="govuk-body">Quarters are labelled by the month they end.</p>
      )}
      {anyChange && (
        <p className="govuk-body">
          The dashed red line marks a questionnaire change
          {points.some((p) => p.versions.includes("CMS-2015")) ? " (the May 2015 satisfaction scale change)" : ""}; figures either side are not directly
          comparable.
        </p>
      )}
      <SeriesChart
        points={chart}
        unit={scale.unit}
        maxValue={scale.max}
        changeLabel={points.some((p) => p.versions.includes("CMS-2015")) ? "Scale change" : "Questionnaire change"}
      />
      <Table
        caption={`${title}: estimate, base and 95% confidence interval for each period`}
        captionSize="s"
        rows={points}
        rowKey={(p) => p.category}
        columns={[
          { header: "Period", rowHeader: true, cell: (p) => p.label },
          { header: "Base", numeric: true, cell: (p) => p.base },
          { header: "Estimate", numeric: true, cell: (p) => formatValue(p.estimate, statistic) },
          { header: "95% confidence interval", cell: (p) => formatCi(p, statistic) },
          {
            header: "Notes",
            cell: (p) => (
              <>
                {changeNote(p) && <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{changeNote(p)}</p>}
                <Notes e={p} />
              </>
            ),
          },
        ]}
      />
    </section>
  );
}

/** "Quarter ending Aug 2014" -> "Aug 2014", "2023/24 Q1 (April to June 2023)" -> "2023/24 Q1": the chart's axis (the table has the full label). */
function shortPeriod(label: string): string {
  return label.replace(/^Quarter ending /, "").replace(/ \(.*\)$/, "");
}

/** The measure as the questionnaire words it (a composite by its name). */
function measureName(report: ResultsReport): string {
  return report.measure.text ?? report.measure.label.replace(`${report.measure.id}: `, "");
}

function Drivers({ report }: { report: ResultsReport }) {
  const d = report.drivers;
  if (!d) return null;
  return (
    <section aria-labelledby="drivers-heading">
      <h2 className="govuk-heading-m" id="drivers-heading">
        Key drivers of overall satisfaction
      </h2>
      {"error" in d ? (
        <p className="govuk-body">Key drivers could not be estimated for this selection: {d.error}</p>
      ) : (
        <>
          <p className="govuk-body">
            <strong>Method:</strong> {d.method}
            {d.drivers.some((x) => x.item.endsWith(POSITIVE_SUFFIX))
              ? ' For 1-10 ratings, "agree" means a rating at or above the questionnaire\'s positive threshold.'
              : ""}
          </p>
          <p className="govuk-body">Base: {d.base} respondents who answered overall satisfaction and every item.</p>
          <EstimateChart
            points={d.drivers.map((x) => ({ label: questionLabel(report.results.survey, x.item), value: Math.round(x.share * 1000) / 10, error: null }))}
            unit="%"
            maxValue={100}
          />
          <Table
            caption="Items ranked by their share of importance"
            captionSize="s"
            data-testid="drivers-table"
            rows={d.drivers}
            rowKey={(x) => x.item}
            columns={[
              { header: "Rank", numeric: true, cell: (x) => x.rank },
              {
                header: "Item",
                rowHeader: true,
                cell: (x) => (
                  <>
                    {questionLabel(report.results.survey, x.item)} <span className="govuk-caption-s">{x.item.replace(POSITIVE_SUFFIX, "")}</span>
                  </>
                ),
              },
              { header: "Share of importance", numeric: true, cell: (x) => `${(x.share * 100).toFixed(1)}%` },
              { header: "Odds ratio", numeric: true, cell: (x) => x.oddsRatio.toFixed(2) },
              { header: "p", numeric: true, cell: (x) => formatP(x.p) },
              { header: "Significant at 95%", cell: (x) => (x.significant ? "Yes" : "No") },
            ]}
          />
        </>
      )}
    </section>
  );
}

function Diagnostics({ report }: { report: ResultsReport }) {
  const w = report.results.weights;
  const rows: [string, string][] = [
    ["Method", WEIGHTING_LABELS[report.results.weighting]],
    ["Respondents", String(w.n)],
    ["Sum of weights", w.sumWeights.toFixed(1)],
    ["Smallest weight", w.minWeight.toFixed(3)],
    ["Largest weight", w.maxWeight.toFixed(3)],
    ["Kish design effect", w.kishDeff.toFixed(3)],
    ["Effective sample size", w.effectiveSampleSize.toFixed(0)],
    ...(w.iterations !== undefined
      ? ([
          ["Raking iterations", String(w.iterations)],
          ["Trimmed weights", String(w.trimmed ?? 0)],
        ] as [string, string][])
      : []),
  ];
  return (
    <section aria-labelledby="diagnostics-heading">
      <h2 className="govuk-heading-m" id="diagnostics-heading">
        Weighting diagnostics
      </h2>
      <SummaryList data-testid="diagnostics" rows={rows.map(([key, value]) => ({ key, value }))} />
      <p className="govuk-body-s">
        Standard errors are by Taylor linearisation, using calibration residuals for post-stratified and raked weights (as R&apos;s survey package). The design
        effect here is Kish&apos;s, due to unequal weights only.
      </p>
    </section>
  );
}

export function ResultsView({ report, query }: { report: ResultsReport; query: string }) {
  const { statistic } = report.results;
  return (
    <>
      <Headline report={report} />
      <Breakdown report={report} />
      <Distribution report={report} />
      {report.series && (
        <section aria-labelledby="series-heading">
          <h2 className="govuk-heading-m" id="series-heading">
            Over time
          </h2>
          <Series id="quarterly" title="Quarterly" points={report.series.quarterly} statistic={statistic} />
          <Series id="monthly" title="Monthly" points={report.series.monthly} statistic={statistic} />
        </section>
      )}
      <Drivers report={report} />
      <Diagnostics report={report} />
      <section aria-labelledby="downloads-heading">
        <h2 className="govuk-heading-m" id="downloads-heading">
          Downloads
        </h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href={`/api/results/export?${query}&kind=tables&format=xlsx`} download>
              Published-style tables for this period and weighting (XLSX)
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/api/results/export?${query}&kind=tables&format=csv`} download>
              Published-style tables (CSV)
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/api/results/export?${query}&kind=respondents&format=xlsx`} download>
              Respondent-level data, pseudonymised (XLSX)
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/api/results/export?${query}&kind=respondents&format=csv`} download>
              Respondent-level data, pseudonymised (CSV)
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`/api/results/json?${query}`}>
              These results as JSON (interchange format)
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
