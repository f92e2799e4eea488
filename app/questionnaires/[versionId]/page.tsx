import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VersionPreview } from "@/components/questionnaire/VersionPreview";
import { requireRole } from "@/lib/auth/session";
import { getQuestionnaireVersion } from "@/lib/questionnaire";
import { pageParams, versionIdParams } from "@/lib/http/params";
import { staffMetadata, staffPage } from "@/lib/http/page";

type Props = { params: Promise<{ versionId: string }> };

export const generateMetadata = staffMetadata(async function metadata({ params }: Props): Promise<Metadata> {
  const parsed = versionIdParams.safeParse(await params);
  return { title: parsed.success ? `Preview ${parsed.data.versionId}` : "Page not found" };
});

export default staffPage(async function QuestionnairePreviewPage({ params }: Props) {
  await requireRole("questionnaires:view");
  const { versionId } = await pageParams(versionIdParams, params);
  const version = getQuestionnaireVersion(versionId);
  if (!version) notFound();
  return <VersionPreview version={version} />;
});
