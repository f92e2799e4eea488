import type { Metadata } from "next";
import { Placeholder } from "@/components/Placeholder";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Results" };

export default async function ResultsHome() {
  const user = await requireRole("results:view");
  return (
    <Placeholder title="Results" caption={`${user.role === "ANALYST" ? "Analyst" : "Results"} – ${user.name}`}>
      <p className="govuk-body">This is where you will see weighted results for each survey and period:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>satisfaction and client-service measures with their bases and 95% confidence intervals;</li>
        <li>breakdowns by parent type, contact type, age, gender and more, with significant differences marked;</li>
        <li>monthly and quarterly series, key drivers, and exports as CSV and spreadsheet.</li>
      </ul>
    </Placeholder>
  );
}
