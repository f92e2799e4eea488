import { NextResponse, type NextRequest } from "next/server";
import { requireRole } from "@/lib/auth/session";
import { problemResponse, runRoute } from "@/lib/http/route";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { listFrameImports, recordFrameFileHash } from "@/lib/sampling/db/queries";
import { hashWhileReading } from "@/lib/sampling/file-hash";
import { FILE_NAME_NOT_READABLE, frameFileNameSchema, frameUploadSchema } from "@/lib/sampling/schemas";
import type { FrameUploadError } from "@/lib/sampling/upload-errors";

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
    if (request.headers.get("content-type")?.startsWith("multipart/form-data")) return importPostedForm(request, user.id);
    const options = frameUploadSchema.safeParse({
      fileName: request.headers.get("x-file-name") ?? "",
      strict: request.nextUrl.searchParams.get("strict") === "1",
    });
    if (!options.success) return problemResponse("INVALID", options.error.issues[0].message, 400);
    if (!request.body) return problemResponse("EMPTY", "Choose a file to upload", 400);
    const fileName = frameFileNameSchema.safeParse(options.data.fileName);
    // (A broken %-escape is decodedParam's own issue: not readable either.)
    if (!fileName.success) {
      const issue = fileName.error.issues[0];
      return problemResponse("INVALID", issue.code === "custom" ? FILE_NAME_NOT_READABLE : issue.message, 400);
    }
    const upload = hashWhileReading(request.body as unknown as AsyncIterable<Uint8Array>);
    const result = await importFrame({
      input: upload.input,
      fileName: fileName.data,
      strict: options.data.strict,
      actorId: user.id,
    });
    // Only a file read to its end has a hash worth comparing.
    const earlier = result.status === "COMPLETED" ? await recordFrameFileHash({ importId: result.importId, sha256: upload.sha256() }) : null;
    // The page shows the first errors; all of them are in the download.
    return NextResponse.json({
      ...result,
      errors: result.errors.slice(0, 100),
      seenBefore: earlier && { importId: earlier.id, fileName: earlier.fileName, startedAt: earlier.startedAt },
    });
  });
}

/**
 * The same upload as a plain form, without JavaScript (issue 18): a multipart
 * post, answered with a redirect to the import's page, or back to the frame page
 * naming what was wrong. The browser sends Origin with every form post; one from
 * another site is refused (the XMLHttpRequest path cannot be forged by a form:
 * its body is text/csv). The file part is read whole here (undici's formData);
 * large files go through the enhanced form, which streams.
 */
async function importPostedForm(request: NextRequest, actorId: string): Promise<Response> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || URL.parse(origin)?.host !== host) return problemResponse("FORBIDDEN", "The form was posted from another site", 403);
  const back = (error: FrameUploadError) => redirectTo(request, `/frame?error=${error}`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return back("unreadable");
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || !file.name) return back("file");
  const options = frameUploadSchema.safeParse({ fileName: file.name, strict: form.get("strict") !== null });
  if (!options.success) return back("file-name");
  const upload = hashWhileReading(file.stream() as unknown as AsyncIterable<Uint8Array>);
  const result = await importFrame({
    input: upload.input,
    fileName: options.data.fileName,
    strict: options.data.strict,
    actorId,
  });
  if (result.status === "COMPLETED") await recordFrameFileHash({ importId: result.importId, sha256: upload.sha256() });
  return redirectTo(request, `/frame/imports/${result.importId}`);
}

/** A 303 See Other to a path on this site, so the browser follows it with GET. */
function redirectTo(request: NextRequest, path: string): Response {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  return NextResponse.redirect(new URL(path, `${proto}://${host}`), 303);
}
