import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VersionPreview } from "@/components/questionnaire/VersionPreview";
import { requireRole } from "@/lib/auth/session";
import { getQuestionnaireVersion } from "@/lib/questionnaire";

type Props = { params: Promise<{ versionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Preview ${decodeURIComponent((await params).versionId)}` };
}

export default async function QuestionnairePreviewPage({ params }: Props) {
  await requireRole("questionnaires:view");
  const version = getQuestionnaireVersion(decodeURIComponent((await params).versionId));
  if (!version) notFound();
  return <VersionPreview version={version} />;
}
