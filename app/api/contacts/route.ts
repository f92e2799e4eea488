import type { NextRequest } from "next/server";
import { currentTime } from "@/lib/clock";
import { authenticateApiKey } from "@/lib/feedback/api-keys";
import { storeContacts } from "@/lib/feedback/store-contacts";
import { problemResponse, runRoute } from "@/lib/http/route";

// CMS's contact systems report each contact as it ends (issue 14): one contact
// or a batch of up to 1,000, authenticated by an API key with CONTACTS_WRITE.
export async function POST(request: NextRequest) {
  return runRoute("POST /api/contacts", async () => {
    const now = currentTime();
    const key = await authenticateApiKey({ headers: request.headers, scope: "CONTACTS_WRITE", route: "/api/contacts", now });
    if (!key.ok) return problemResponse(key.code, key.message, key.status);
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return problemResponse(
        "INVALID_REQUEST",
        'The body is not valid JSON: send a contact object or {"contacts": [...]} with Content-Type: application/json.',
        400,
      );
    }
    const stored = await storeContacts({ body, apiKeyId: key.keyId, now });
    if (!stored.ok) return problemResponse("INVALID_REQUEST", stored.reason, 400);
    const { result } = stored;
    // every item refused: nothing was stored, so the post as a whole failed
    const status = result.rejected === result.received ? 400 : 200;
    return Response.json(result, { status, headers: { "Cache-Control": "no-store" } });
  });
}
