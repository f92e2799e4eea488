import type { Estimate, Statistic } from "@/lib/analysis";
import type { ResultsReport, SeriesPoint } from "@/lib/results/report";
import { BREAKDOWN_LABELS, WEIGHTING_LABELS, chartValue, formatCi, formatValue, suppressedText } from "@/lib/results/format";
import { POSITIVE_SUFFIX } from "@/lib/results/respondent-table";
import { answerLabel, categoryLabel, questionLabel } from "@/lib/results/labels";
import { EstimateChart, type ChartPoint } from "./EstimateChart";
import { SeriesChart } from "./SeriesChart";
import { TableContainer } from "@/components/govuk/Table";

function Notes({ e }: { e: Estimate }) {
  const s = suppressedText(e);
  return (
    <>
      {s && <span>{s}</span>}
      {!s && e.caution && <strong className="govuk-tag govuk-tag--yellow">Treat with caution</strong>}
    </>
  );
}

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
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">95% confidence interval</dt>
          <dd className="govuk-summary-list__value" data-testid="headline-ci">
            {formatCi(overall, statistic)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Base (unweighted respondents)</dt>
          <dd className="govuk-summary-list__value" data-testid="headline-base">
            {overall.base}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Standard error</dt>
          <dd className="govuk-summary-list__value">
            {overall.se === null ? "–" : statistic === "proportion" ? `${(overall.se * 100).toFixed(2)} percentage points` : overall.se.toFixed(3)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Who was asked</dt>
          <dd className="govuk-summary-list__value">
            {report.measure.askedOf
              ? `Routed – asked of: ${report.measure.askedOf}. The base counts those asked who gave a valid answer.`
              : 'Everyone interviewed; the base excludes "Don\'t know", "Not applicable" and refusals'}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Period</dt>
          <dd className="govuk-summary-list__value">
            {period} ({report.results.respondents} respondents)
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Weighting</dt>
          <dd className="govuk-summary-list__value">
            {WEIGHTING_LABELS[weighting]}
            {report.request.targetSet ? ` – targets "${report.request.targetSet}"` : ""}
          </dd>
        </div>
      </dl>
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
      <TableContainer labelledBy="breakdown-caption">
        <table className="govuk-table" data-testid="breakdown-table">
          <caption className="govuk-table__caption govuk-table__caption--s" id="breakdown-caption">
            {measureName(report)} by {label.toLowerCase()}. Significant differences are at the 95% level (design-based test).
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {label}
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Base
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Estimate
              </th>
              <th scope="col" className="govuk-table__header">
                95% confidence interval
              </th>
              <th scope="col" className="govuk-table__header">
                Significantly different
              </th>
              <th scope="col" className="govuk-table__header">
                Notes
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {groups.map((g) => (
              <tr className="govuk-table__row" key={g.category}>
                <th scope="row" className="govuk-table__header">
                  {words(g.category)}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{g.base}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatValue(g.estimate, statistic)}</td>
                <td className="govuk-table__cell">{formatCi(g, statistic)}</td>
                <td className="govuk-table__cell">{differences(g.category).join("; ") || "–"}</td>
                <td className="govuk-table__cell">
                  <Notes e={g} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableContainer>
      {tests.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Tests between groups</span>
          </summary>
          <div className="govuk-details__text">
            <TableContainer labelledBy="pairs-caption">
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--s" id="pairs-caption">
                  Differences between each pair of groups
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Groups
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Difference
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      p
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Significant at 95%
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {tests.map((t) => (
                    <tr className="govuk-table__row" key={`${t.a}|${t.b}`}>
                      <th scope="row" className="govuk-table__header">
                        {words(t.a)} − {words(t.b)}
                      </th>
                      <td className="govuk-table__cell govuk-table__cell--numeric">
                        {statistic === "proportion" ? `${(t.difference * 100).toFixed(1)} points` : t.difference.toFixed(2)}
                      </td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{t.p < 0.001 ? "< 0.001" : t.p.toFixed(3)}</td>
                      <td className="govuk-table__cell">{t.significant ? "Yes" : "No"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableContainer>
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
      <TableContainer labelledBy="distribution-caption">
        <table className="govuk-table" data-testid="distribution-table">
          <caption className="govuk-table__caption govuk-table__caption--s" id="distribution-caption">
            Answers to {d.question} ({question}), weighted, with 95% confidence intervals
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Answer
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Estimate
              </th>
              <th scope="col" className="govuk-table__header">
                95% confidence interval
              </th>
              <th scope="col" className="govuk-table__header">
                Notes
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.answers.map((a) => (
              <tr className="govuk-table__row" key={a.category}>
                <th scope="row" className="govuk-table__header">
                  {words(a.category)}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatValue(a.estimate, "proportion")}</td>
                <td className="govuk-table__cell">{formatCi(a, "proportion")}</td>
                <td className="govuk-table__cell">
                  <Notes e={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableContainer>
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
      <TableContainer labelledBy={`${id}-caption`}>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s" id={`${id}-caption`}>
            {title}: estimate, base and 95% confidence interval for each period
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Period
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Base
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Estimate
              </th>
              <th scope="col" className="govuk-table__header">
                95% confidence interval
              </th>
              <th scope="col" className="govuk-table__header">
                Notes
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {points.map((p) => (
              <tr className="govuk-table__row" key={p.category}>
                <th scope="row" className="govuk-table__header">
                  {p.label}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{p.base}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatValue(p.estimate, statistic)}</td>
                <td className="govuk-table__cell">{formatCi(p, statistic)}</td>
                <td className="govuk-table__cell">
                  {changeNote(p) && <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{changeNote(p)}</p>}
                  <Notes e={p} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableContainer>
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
          <TableContainer labelledBy="drivers-caption">
            <table className="govuk-table" data-testid="drivers-table">
              <caption className="govuk-table__caption govuk-table__caption--s" id="drivers-caption">
                Items ranked by their share of importance
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Rank
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Item
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Share of importance
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Odds ratio
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    p
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Significant at 95%
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {d.drivers.map((x) => (
                  <tr className="govuk-table__row" key={x.item}>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{x.rank}</td>
                    <th scope="row" className="govuk-table__header">
                      {questionLabel(report.results.survey, x.item)} <span className="govuk-caption-s">{x.item.replace(POSITIVE_SUFFIX, "")}</span>
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{(x.share * 100).toFixed(1)}%</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{x.oddsRatio.toFixed(2)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{x.p < 0.001 ? "< 0.001" : x.p.toFixed(3)}</td>
                    <td className="govuk-table__cell">{x.significant ? "Yes" : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableContainer>
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
      <dl className="govuk-summary-list" data-testid="diagnostics">
        {rows.map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
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
