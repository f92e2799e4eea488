// Test data for real-time feedback (database, browser and benchmark): frame
// clients through the real frame import, and contacts as a contact system posts them.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
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
  return {
    contact_id: contactId,
    client_ref: clientRef,
    service: "CMS",
    channel: "phone",
    contact_at: contactAt.toISOString(),
    reason: "ENQUIRY",
    team_code: "TEAM-A",
    ...overrides,
  };
}

/**
 * A contact that was asked and answered, as the request job and submitFeedback
 * leave it, with its follow-up when given (opened when answered). For tests of
 * what managers see, where the times must be exactly the planted ones.
 */
export async function plantAnsweredFeedback({
  contactRef,
  channel,
  teamCode,
  contactAt: givenContactAt,
  answeredAt,
  rating,
  callBack = false,
  followUp,
}: {
  contactRef: string;
  channel: "PHONE" | "WEBCHAT" | "EMAIL" | "LETTER" | "PORTAL";
  teamCode: string;
  /** default: 65 minutes before the answer */
  contactAt?: Date;
  /** null: asked, never answered */
  answeredAt: Date | null;
  rating?: number;
  callBack?: boolean;
  followUp?: { lowRating: boolean; callBackAsked: boolean; dueAt: Date; closedAt?: Date; resolution?: "RESOLVED" | "COULD_NOT_RESOLVE" | "COULD_NOT_REACH" };
}): Promise<void> {
  const contactAt = givenContactAt ?? new Date(answeredAt!.getTime() - 65 * 60_000);
  const sentAt = new Date(contactAt.getTime() + 5 * 60_000);
  await db().contact.create({
    data: {
      contactRef,
      service: "CMS",
      clientRef: contactRef.slice(0, 64),
      channel,
      contactAt,
      reason: "ENQUIRY",
      teamCode,
      requestState: "ASKED",
      decidedAt: sentAt,
      request: {
        create: {
          service: "CMS",
          clientRef: contactRef.slice(0, 64),
          channel: "SMS",
          tokenHash: randomBytes(32).toString("hex"),
          sentAt,
          expiresAt: new Date(sentAt.getTime() + 7 * 24 * 3600_000),
          ...(answeredAt ? { rating, callBack, answeredAt } : {}),
          ...(followUp && answeredAt
            ? {
                followUp: {
                  create: {
                    lowRating: followUp.lowRating,
                    callBackAsked: followUp.callBackAsked,
                    openedAt: answeredAt,
                    dueAt: followUp.dueAt,
                    closedAt: followUp.closedAt,
                    resolution: followUp.resolution,
                  },
                },
              }
            : {}),
        },
      },
    },
  });
}
