import { requireRole } from "@/lib/auth/session";
import { sharedControlRoomOverview } from "@/lib/fieldwork/db/overview";

/** The control room's live figures as JSON (the same as /supervisor/fieldwork). */
export async function GET() {
  await requireRole("fieldwork:monitor", { api: true });
  return Response.json(await sharedControlRoomOverview(), { headers: { "Cache-Control": "no-store" } });
}
