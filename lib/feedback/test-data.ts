// Test data for real-time feedback (database, browser and benchmark): frame
// clients through the real frame import, and contacts as a contact system posts them.
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { frameCsv, textStream, uniquePrefix, type TestClient } from "@/lib/sampling/db/test-frames";

export { uniquePrefix };

/** Imports frame clients (defaults: an eligible CMS client with a UK mobile). */
export async function importFeedbackClients(clients: (Omit<TestClient, "date"> & { date?: string })[]): Promise<void> {
  const rows = clients.map((c) => ({ date: "2026-11-01", ...c }));
  const imported = await importFrame({ input: textStream(frameCsv(rows)), fileName: "feedback-test.csv", strict: true, actorId: null });
  if (imported.status !== "COMPLETED") throw new Error(`frame import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
}

/** One contact as POST /api/contacts takes it. */
export function contactItem(contactId: string, clientRef: string, contactAt: Date, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { contact_id: contactId, client_ref: clientRef, service: "CMS", channel: "phone", contact_at: contactAt.toISOString(), reason: "ENQUIRY", team_code: "TEAM-A", ...overrides };
}
