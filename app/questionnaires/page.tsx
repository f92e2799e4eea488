import type { Metadata } from "next";
import { VersionTable } from "@/components/questionnaire/VersionTable";
import { requireRole } from "@/lib/auth/session";
import { listQuestionnaireVersions } from "@/lib/questionnaire";

export const metadata: Metadata = { title: "Questionnaires" };

export default async function QuestionnairesPage() {
  await requireRole("questionnaires:view");
  return (
    <>
      <h1 className="govuk-heading-l">Questionnaires</h1>
      <p className="govuk-body">
        Every questionnaire version Fieldwork can run. A version that has been used is never changed: a changed questionnaire is a new version.
      </p>
      <VersionTable versions={listQuestionnaireVersions()} />
    </>
  );
}
