import "server-only";
import { db } from "@/lib/db/client";
import { openOutboxPersonal } from "@/lib/privacy/personal";
import { ERASED } from "@/lib/privacy/retention";

export interface OutboxEntry {
  id: string;
  /** the sample case of an invitation or reminder; null for a feedback request (lib/feedback) */
  caseId: string | null;
  /** the contact a feedback request asks about (its sender's id); null for an invitation or reminder */
  contactRef: string | null;
  channel: string;
  kind: string;
  status: string;
  to: string;
  link: string | null;
  accessCode: string | null;
  createdAt: Date;
  notifyId: string | null;
  error: string | null;
}

/** The outbox, newest first (optionally one sample's): what was sent, or kept locally, to whom. Personal data: administrators only. */
export async function listOutbox({ sampleId, take = 500 }: { sampleId?: string; take?: number } = {}): Promise<OutboxEntry[]> {
  const rows = await db().outboxMessage.findMany({
    where: sampleId ? { invitation: { sampleCase: { sampleId } } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      channel: true,
      kind: true,
      status: true,
      personal: true,
      createdAt: true,
      notifyId: true,
      error: true,
      invitation: { select: { sampleCaseId: true } },
      feedbackRequest: { select: { contact: { select: { contactRef: true } } } },
    },
  });
  return Promise.all(
    rows.map(async (r) => {
      const personal = await openOutboxPersonal(r.personal);
      const p: Record<string, string | undefined> = personal?.personalisation ?? {};
      return {
        id: r.id.toString(),
        caseId: r.invitation?.sampleCaseId ?? null,
        contactRef: r.feedbackRequest?.contact.contactRef ?? null,
        channel: r.channel,
        kind: r.kind,
        status: r.status,
        to: personal?.to ?? ERASED,
        link: r.status === "LOCAL" ? (p.link ?? null) : null,
        accessCode: r.status === "LOCAL" ? (p.access_code ?? null) : null,
        createdAt: r.createdAt,
        notifyId: r.notifyId,
        error: r.error,
      };
    }),
  );
}
