import { surveyTitle } from "../titles";
import { SurveyUnavailable } from "./SurveyUnavailable";

export const metadata = surveyTitle("This survey link cannot be used");

export default async function UnavailablePage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return <SurveyUnavailable busy={reason === "busy"} />;
}
