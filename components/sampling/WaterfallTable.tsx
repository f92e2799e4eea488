import { EXCLUSION_RULE_LABELS, type WaterfallStep } from "@/lib/sampling/draw/waterfall";
import { formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

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
    <Table
      caption={caption}
      data-testid="waterfall"
      rows={steps}
      rowKey={(s) => s.rule}
      columns={[
        { header: "Step", rowHeader: true, cell: (s) => (s.rule === "POPULATION" ? population : EXCLUSION_RULE_LABELS[s.rule]) },
        { header: "Excluded", numeric: true, cell: (s) => (s.rule === "POPULATION" ? "" : formatNumber(s.excluded)) },
        { header: "Remaining", numeric: true, cell: (s) => formatNumber(s.remaining) },
      ]}
    />
  );
}
