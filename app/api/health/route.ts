import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/db/health";
import { currentMillis } from "@/lib/clock";

// Public on purpose (load balancers, uptime checks): says only whether the
// database answers and the migrations are current, never any data.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth({ nowMs: currentMillis() });
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
}
