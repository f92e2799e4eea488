import type { Metadata } from "next";
import { Placeholder } from "@/components/Placeholder";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Next case" };

export default async function InterviewerHome() {
  const user = await requireRole("cases:work");
  return (
    <Placeholder title="Next case" caption={`Interviewer – ${user.name}`}>
      <p className="govuk-body">This is where you will take your next telephone case. One button (or a key) will give you the most urgent case that is due:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>your own appointments that are due, then other due appointments;</li>
        <li>then cases to retry, then fresh cases;</li>
        <li>only within calling hours, and never a case another interviewer holds.</li>
      </ul>
      <p className="govuk-body">The case screen will show the client&apos;s role, contact reason and month, the call history and the scripted questionnaire.</p>
    </Placeholder>
  );
}
