import { requireRole } from "@/lib/auth/session";
import { resultsJsonResponse } from "@/lib/results/db/export-route";

/** The results page's request as interchange.md §4 JSON (the same as `npm run cli -- results`). */
export async function GET(request: Request) {
  await requireRole("results:view", { api: true });
  return resultsJsonResponse(new URL(request.url).searchParams);
}
