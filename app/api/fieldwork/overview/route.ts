import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { sharedControlRoomOverview } from "@/lib/fieldwork/db/overview";

/** The control room's live figures as JSON (the same as /supervisor/fieldwork). */
export async function GET() {
  return runRoute("GET /api/fieldwork/overview", async () => {
    await requireRole("fieldwork:monitor", { api: true });
    return Response.json(await sharedControlRoomOverview(), { headers: { "Cache-Control": "no-store" } });
  });
}
