import { EXCLUSION_RULE_LABELS, type WaterfallStep } from "@/lib/sampling/waterfall";
import { formatNumber } from "@/lib/format";


/** The exclusion waterfall (methodology.md, Sampling): each rule in order, what it excluded and what remained. */
export function WaterfallTable({
  steps,
  caption = "Exclusions, in the order applied",
  population = "Clients with a contact in the month",
}: {
  steps: WaterfallStep[];
  caption?: string;
  /** What the population is: "Clients with a contact in the month" */
  population?: string;
}) {
  return (
    <table className="govuk-table" data-testid="waterfall">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Step</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Excluded</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Remaining</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {steps.map((s) => (
          <tr className="govuk-table__row" key={s.rule}>
            <th scope="row" className="govuk-table__header">{s.rule === "POPULATION" ? population : EXCLUSION_RULE_LABELS[s.rule]}</th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{s.rule === "POPULATION" ? "" : formatNumber(s.excluded)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(s.remaining)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
