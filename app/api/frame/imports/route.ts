import { NextResponse, type NextRequest } from "next/server";
import { requireRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { listFrameImports } from "@/lib/sampling/db/queries";
import { frameUploadSchema } from "@/lib/sampling/schemas";

// The frame upload: the request body is the CSV file itself, streamed into the
// same import the CLI uses (never held in memory). proxy.ts leaves /api/frame/
// alone so Next does not buffer the body.
export const maxDuration = 3600;

/** Recent imports as JSON. */
export async function GET() {
  await requireRole("frame:import", { api: true });
  const imports = await listFrameImports();
  return NextResponse.json({ imports: imports.map((i) => ({ ...i, id: i.id.toString() })) });
}

export async function POST(request: NextRequest) {
  const user = await requireRole("frame:import", { api: true });
  const options = frameUploadSchema.safeParse({
    fileName: request.headers.get("x-file-name") ?? "",
    strict: request.nextUrl.searchParams.get("strict") === "1",
  });
  if (!options.success) return NextResponse.json({ error: { code: "INVALID", message: options.error.issues[0].message } }, { status: 400 });
  if (!request.body) return NextResponse.json({ error: { code: "EMPTY", message: "Choose a file to upload" } }, { status: 400 });
  try {
    const result = await importFrame({
      input: request.body as unknown as AsyncIterable<Uint8Array>,
      fileName: decodeURIComponent(options.data.fileName),
      strict: options.data.strict,
      actorId: user.id,
    });
    // The page shows the first errors; all of them are in the download.
    return NextResponse.json({ ...result, errors: result.errors.slice(0, 100) });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: 400 });
    throw error;
  }
}
