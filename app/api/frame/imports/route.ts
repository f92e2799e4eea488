import { NextResponse, type NextRequest } from "next/server";
import { requireRole } from "@/lib/auth/session";
import { problemResponse, runRoute } from "@/lib/http/route";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { listFrameImports } from "@/lib/sampling/db/queries";
import { frameFileNameSchema, frameUploadSchema } from "@/lib/sampling/schemas";

// The frame upload: the request body is the CSV file itself, streamed into the
// same import the CLI uses (never held in memory). proxy.ts leaves /api/frame/
// alone so Next does not buffer the body.
export const maxDuration = 3600;

/** Recent imports as JSON. */
export async function GET() {
  return runRoute("GET /api/frame/imports", async () => {
    await requireRole("frame:import", { api: true });
    const imports = await listFrameImports();
    return NextResponse.json({ imports: imports.map((i) => ({ ...i, id: i.id.toString() })) });
  });
}

export async function POST(request: NextRequest) {
  return runRoute("POST /api/frame/imports", async () => {
  const user = await requireRole("frame:import", { api: true });
  const options = frameUploadSchema.safeParse({
    fileName: request.headers.get("x-file-name") ?? "",
    strict: request.nextUrl.searchParams.get("strict") === "1",
  });
  if (!options.success) return problemResponse("INVALID", options.error.issues[0].message, 400);
  if (!request.body) return problemResponse("EMPTY", "Choose a file to upload", 400);
  const fileName = frameFileNameSchema.safeParse(options.data.fileName);
  if (!fileName.success) return problemResponse("INVALID", "The file name is not readable: rename the file and upload it again", 400);
  const result = await importFrame({
    input: request.body as unknown as AsyncIterable<Uint8Array>,
    fileName: fileName.data,
    strict: options.data.strict,
    actorId: user.id,
  });
  // The page shows the first errors; all of them are in the download.
  return NextResponse.json({ ...result, errors: result.errors.slice(0, 100) });
  });
}
