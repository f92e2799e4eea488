import { NextResponse } from "next/server";
import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { listUsers } from "@/lib/users/manage";
import { signInPolicy } from "@/lib/auth/options";
import { env } from "@/lib/env";

/** The user list as JSON, for administrators' automation. */
export async function GET() {
  return runRoute("GET /api/admin/users", async () => {
    await requireRole("users:manage", { api: true });
    const users = await listUsers({ policy: signInPolicy(env()) });
    return NextResponse.json({ users });
  });
}
