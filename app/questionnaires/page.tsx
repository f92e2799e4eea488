import { VersionTable } from "@/components/questionnaire/VersionTable";
import { requireRole } from "@/lib/auth/session";
import { listQuestionnaireVersions } from "@/lib/questionnaire";
import { listVersionUse } from "@/lib/responses/list-version-use";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Questionnaires" });

export default staffPage(async function QuestionnairesPage() {
  await requireRole("questionnaires:view");
  const use = await listVersionUse();
  return (
    <>
      <h1 className="govuk-heading-l">Questionnaires</h1>
      <p className="govuk-body">
        Every questionnaire version Fieldwork can run. A version that has been used is never changed: a changed questionnaire is a new version.
      </p>
      <VersionTable
        versions={listQuestionnaireVersions()}
        use={Object.fromEntries(
          [...use.values()].map((u) => [
            u.versionId,
            {
              firstUsedAt: u.firstUsedAt?.toISOString() ?? null,
              retired: u.status === "RETIRED",
              responses: u.responses,
              imported: u.imported,
              importedFrom: u.importedFrom?.toISOString() ?? null,
              unchanged: u.unchanged,
            },
          ]),
        )}
      />
    </>
  );
});
