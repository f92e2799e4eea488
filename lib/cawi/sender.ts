import "server-only";
import { NotifyClient } from "notifications-node-client";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { cawiEnv, type CawiEnv } from "@/lib/env";
import { log } from "@/lib/log";

// The one sender of invitations and reminders. Every message is first written
// to the outbox table; without a GOV.UK Notify key it stays there (status LOCAL:
// the local outbox administrators and tests read). With a key, email and text
// messages go through the real notifications-node-client and the row records
// Notify's id; the link and access code are then removed from the stored copy,
// so only Notify's copy holds them. Letters stay LOCAL either way: the frame has
// no postal address (has_address only), so they are a batch for the mail house,
// which merges the address by client reference.

export function notifyConfigured(env: CawiEnv = cawiEnv()): boolean {
  return !!env.NOTIFY_API_KEY;
}

/** Status a new message is written with. */
export function initialStatus(channel: "EMAIL" | "SMS" | "LETTER", env: CawiEnv = cawiEnv()): "LOCAL" | "PENDING" {
  return notifyConfigured(env) && channel !== "LETTER" ? "PENDING" : "LOCAL";
}

function notifyClient(env: CawiEnv): NotifyClient {
  return env.NOTIFY_BASE_URL ? new NotifyClient(env.NOTIFY_BASE_URL, env.NOTIFY_API_KEY!) : new NotifyClient(env.NOTIFY_API_KEY!);
}

// A feedback request (issue 14) uses the invitation templates: their personalisation is the link and the expiry date too.
function templateFor(env: CawiEnv, channel: "EMAIL" | "SMS", kind: "INVITATION" | "REMINDER" | "FEEDBACK_REQUEST"): string {
  if (channel === "EMAIL") return (kind === "REMINDER" ? env.NOTIFY_EMAIL_REMINDER_TEMPLATE_ID : undefined) ?? env.NOTIFY_EMAIL_TEMPLATE_ID!;
  return (kind === "REMINDER" ? env.NOTIFY_SMS_REMINDER_TEMPLATE_ID : undefined) ?? env.NOTIFY_SMS_TEMPLATE_ID!;
}

/** Hands the PENDING messages given to GOV.UK Notify; returns how many it accepted. */
export async function deliverPending(messageIds: bigint[], { now = currentTime(), env = cawiEnv() }: { now?: Date; env?: CawiEnv } = {}): Promise<number> {
  if (!notifyConfigured(env) || messageIds.length === 0) return 0;
  let accepted = 0;
  for (let i = 0; i < messageIds.length; i += BATCH) accepted += await deliverBatch(messageIds.slice(i, i + BATCH), now, env);
  return accepted;
}

// Messages are handed over in batches: a sample of thousands neither holds one
// long list in memory nor waits for all before the first is sent.
const BATCH = 100;

/** The PENDING messages, oldest first (the follow-up job delivers any a crashed run left). */
export async function pendingMessageIds(): Promise<bigint[]> {
  const rows = await db().outboxMessage.findMany({ where: { status: "PENDING" }, orderBy: { id: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}

async function deliverBatch(messageIds: bigint[], now: Date, env: CawiEnv): Promise<number> {
  const client = notifyClient(env);
  const messages = await db().outboxMessage.findMany({ where: { id: { in: messageIds }, status: "PENDING" }, orderBy: { id: "asc" } });
  let accepted = 0;
  for (const m of messages) {
    if (m.channel === "LETTER") continue;
    // Claim the message before sending: of two senders only one moves it from
    // PENDING to SENDING, and a sender killed after this point leaves it SENDING,
    // never to be sent again.
    const claimed = await db().outboxMessage.updateMany({ where: { id: m.id, status: "PENDING" }, data: { status: "SENDING" } });
    if (claimed.count !== 1) continue;
    const personalisation = m.personalisation as Record<string, string>;
    const options = { personalisation, reference: `outbox-${m.id}` };
    try {
      const template = templateFor(env, m.channel, m.kind);
      const response = m.channel === "EMAIL" ? await client.sendEmail(template, m.to, options) : await client.sendSms(template, m.to, options);
      const redacted = Object.fromEntries(Object.entries(personalisation).map(([k, v]) => [k, k === "link" || k === "access_code" ? "(sent by GOV.UK Notify)" : v]));
      await db().outboxMessage.update({ where: { id: m.id }, data: { status: "SENT", notifyId: response.data.id, sentAt: now, personalisation: redacted } });
      accepted += 1;
    } catch (error) {
      const detail = notifyError(error);
      log.warn({ outboxId: m.id.toString(), detail }, "GOV.UK Notify did not accept a message");
      await db().outboxMessage.update({ where: { id: m.id }, data: { status: "FAILED", error: detail } });
    }
  }
  return accepted;
}

/** Notify's own words for a refusal ({status_code, errors: [{error, message}]}), else the error's message. */
function notifyError(error: unknown): string {
  const data = (error as { response?: { status?: number; data?: { errors?: { error: string; message: string }[] } } }).response;
  if (data?.data?.errors?.length) return `${data.status ?? ""} ${data.data.errors.map((e) => `${e.error}: ${e.message}`).join("; ")}`.trim();
  return error instanceof Error ? error.message : String(error);
}
