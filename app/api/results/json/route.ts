import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { resultsJsonResponse } from "@/lib/results/db/export-route";

/** The results page's request as interchange.md §4 JSON (the same as `npm run cli -- results`). */
export async function GET(request: Request) {
  return runRoute("GET /api/results/json", async () => {
    await requireRole("results:view", { api: true });
    return resultsJsonResponse(new URL(request.url).searchParams);
  });
}
