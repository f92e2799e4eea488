import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { exportFile } from "@/lib/results/db/export-route";

/** Downloads: ?kind=tables|respondents&format=csv|xlsx plus the results query (survey, from, to, weights, targetSet). */
export async function GET(request: Request) {
  return runRoute("GET /api/results/export", async () => {
    const user = await requireRole("results:view", { api: true });
    return exportFile({ query: new URL(request.url).searchParams, actorId: user.id });
  });
}
