import type { Metadata } from "next";
import { Placeholder } from "@/components/Placeholder";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Fieldwork overview" };

export default async function SupervisorHome() {
  const user = await requireRole("fieldwork:monitor");
  return (
    <Placeholder title="Fieldwork overview" caption={`Supervisor – ${user.name}`}>
      <p className="govuk-body">This is where you will watch each survey&apos;s fieldwork as it happens:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>each month&apos;s samples, with the exclusion waterfall and strata;</li>
        <li>quota cells: target, completes, partials, cases in progress and remaining sample;</li>
        <li>final dispositions and AAPOR response, cooperation, refusal and contact rates.</li>
      </ul>
    </Placeholder>
  );
}
