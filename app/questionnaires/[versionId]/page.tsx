import { notFound } from "next/navigation";
import { VersionPreview } from "@/components/questionnaire/VersionPreview";
import { requireRole } from "@/lib/auth/session";
import { getQuestionnaireVersion } from "@/lib/questionnaire";
import { pageParams, versionIdParams } from "@/lib/http/params";
import { recordMetadata, staffPage } from "@/lib/http/page";

type Props = { params: Promise<{ versionId: string }> };

export const generateMetadata = recordMetadata(
  versionIdParams,
  ({ versionId }) => `Preview ${versionId}`,
  async ({ versionId }) => getQuestionnaireVersion(versionId),
);

export default staffPage(async function QuestionnairePreviewPage({ params }: Props) {
  await requireRole("questionnaires:view");
  const { versionId } = await pageParams(versionIdParams, params);
  const version = getQuestionnaireVersion(versionId);
  if (!version) notFound();
  return <VersionPreview version={version} />;
});
