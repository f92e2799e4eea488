import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { openOutboxPersonal } from "@/lib/privacy/personal";
import { csvLine } from "@/lib/sampling/csv-safe";

// The print-ready letter batch for the mail house (issue 13: push-to-web
// letters for clients with an address but no email or mobile). The frame has
// no postal address (only has_address), so the batch does not carry one: the
// mail house merges the address from the client record it holds for the
// service, by the service and client reference, and prints the personal
// access code and the address to type it at. One row per letter (invitation or
// reminder) kept in the local outbox; a reminder letter has no code (it asks
// for the first letter's: the code is never stored, only its hash).

export const LETTER_BATCH_COLUMNS = ["letter_id", "case_id", "service", "client_ref", "kind", "access_code", "start_url", "expiry_date", "written_at"] as const;

export interface LetterBatch {
  letters: number;
  csv: string;
}

/** The letter batch (of one sample, or all), oldest first; recorded in the audit log as a download of personal data. */
export async function letterBatch({ sampleId, actorId, via }: { sampleId?: string; actorId: string | null; via: "app" | "cli" }): Promise<LetterBatch> {
  const rows = await db().outboxMessage.findMany({
    where: { channel: "LETTER", status: "LOCAL", invitationId: { not: null }, ...(sampleId ? { invitation: { sampleCase: { sampleId } } } : {}) },
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      personal: true,
      createdAt: true,
      invitation: { select: { sampleCaseId: true, sampleCase: { select: { client: { select: { service: true, clientRef: true } } } } } },
    },
  });
  const lines: string[] = [];
  for (const r of rows) {
    if (!r.invitation) continue; // feedback requests (lib/feedback) are never letters
    const p: Record<string, string | undefined> = (await openOutboxPersonal(r.personal))?.personalisation ?? {};
    const client = r.invitation.sampleCase.client;
    lines.push(
      csvLine([
        r.id.toString(),
        r.invitation.sampleCaseId,
        client.service,
        client.clientRef,
        r.kind.toLowerCase(),
        p.access_code ?? "",
        p.start_url ?? "",
        p.expiry_date ?? "",
        r.createdAt.toISOString(),
      ]),
    );
  }
  await recordAuditEvent(db(), { actorId, action: "letters.downloaded", entityType: "Sample", entityId: sampleId, details: { letters: rows.length, via } });
  return { letters: rows.length, csv: [csvLine(LETTER_BATCH_COLUMNS), ...lines].join("\r\n") + "\r\n" };
}
