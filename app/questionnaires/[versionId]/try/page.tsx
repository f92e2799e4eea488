import { notFound, redirect } from "next/navigation";
import { TryItSetup } from "@/components/questionnaire/TryItSetup";
import { TryItStep } from "@/components/questionnaire/TryItStep";
import { requireRole } from "@/lib/auth/session";
import { getQuestionnaireVersion } from "@/lib/questionnaire";
import { parseTryParams, tryStep, type Params } from "@/lib/questionnaire/try-it";
import { pageParams, versionIdParams } from "@/lib/http/params";
import { recordMetadata, staffPage } from "@/lib/http/page";

type Props = { params: Promise<{ versionId: string }>; searchParams: Promise<Params> };

export const generateMetadata = recordMetadata(
  versionIdParams,
  ({ versionId }) => `Try ${versionId}`,
  async ({ versionId }) => getQuestionnaireVersion(versionId),
);

export default staffPage(async function TryQuestionnairePage({ params, searchParams }: Props) {
  await requireRole("questionnaires:view");
  const { versionId } = await pageParams(versionIdParams, params);
  const version = getQuestionnaireVersion(versionId);
  if (!version) notFound();
  const query = await searchParams;
  const parsed = parseTryParams(version, query);
  if (!parsed.started) return <TryItSetup version={version} problem={parsed.problem} />;
  const step = tryStep(version, parsed.state, query);
  if ("redirect" in step) redirect(`/questionnaires/${version.id}/try${step.redirect}`);
  return <TryItStep version={version} state={parsed.state} view={step.view} />;
});
