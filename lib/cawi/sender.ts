import "server-only";
import { NotifyClient } from "notifications-node-client";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { cawiEnv, type CawiEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { openOutboxPersonal, sealOutboxPersonal, type OutboxPersonal } from "@/lib/privacy/personal";

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

// A feedback request (issue 14) has templates of its own: personalisation link, service, expiry_date.
function templateFor(env: CawiEnv, channel: "EMAIL" | "SMS", kind: "INVITATION" | "REMINDER" | "FEEDBACK_REQUEST"): string {
  if (kind === "FEEDBACK_REQUEST") return channel === "EMAIL" ? env.NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID! : env.NOTIFY_FEEDBACK_SMS_TEMPLATE_ID!;
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
    const personal = await openOutboxPersonal(m.personal);
    if (!personal) {
      // erased (lib/privacy) before it was sent: nothing to send it to
      await db().outboxMessage.updateMany({ where: { id: m.id, status: "PENDING" }, data: { status: "FAILED", error: "Erased before it was sent" } });
      continue;
    }
    // Claim the message before sending: of two senders only one moves it from
    // PENDING to SENDING. A sender killed after this point leaves it SENDING, and
    // reconcileUnfinishedSends settles it later by asking Notify.
    const claimed = await db().outboxMessage.updateMany({ where: { id: m.id, status: "PENDING" }, data: { status: "SENDING", claimedAt: now } });
    if (claimed.count !== 1) continue;
    const { to, personalisation } = personal;
    const options = { personalisation, reference: notifyReference(m.id) };
    try {
      const template = templateFor(env, m.channel, m.kind);
      const response = m.channel === "EMAIL" ? await client.sendEmail(template, to, options) : await client.sendSms(template, to, options);
      await markSent(m.id, personal, response.data.id, now);
      accepted += 1;
    } catch (error) {
      const detail = notifyError(error);
      log.warn({ outboxId: m.id.toString(), detail }, "GOV.UK Notify did not accept a message");
      await db().outboxMessage.update({ where: { id: m.id }, data: { status: "FAILED", error: detail } });
    }
  }
  return accepted;
}

/** The reference Notify keeps with a message: how a message is found there again. */
const notifyReference = (id: bigint) => `outbox-${id}`;

/** Accepted by Notify: its id kept, and the link and access code removed from our copy (only Notify's holds them). */
async function markSent(id: bigint, personal: OutboxPersonal | null, notifyId: string, sentAt: Date): Promise<void> {
  const redacted = personal && {
    to: personal.to,
    personalisation: Object.fromEntries(
      Object.entries(personal.personalisation).map(([k, v]) => [k, k === "link" || k === "access_code" ? "(sent by GOV.UK Notify)" : v]),
    ),
  };
  await db().outboxMessage.update({ where: { id }, data: { status: "SENT", notifyId, sentAt, personal: redacted && (await sealOutboxPersonal(redacted)) } });
}

/**
 * A sender can take this long over one message; a message SENDING for longer was
 * left by a sender that died (a killed job runner, a crashed server).
 */
export const UNFINISHED_SEND_AFTER_MS = 15 * 60_000;

/**
 * Settles the messages a killed sender left SENDING (issue 17: "a job runner
 * killed mid-batch resumes without sending twice"). Each is looked up at GOV.UK
 * Notify by its reference: if Notify has it, it is marked SENT with Notify's id;
 * if not, it goes back to PENDING and the next delivery sends it, once. A message
 * claimed less than UNFINISHED_SEND_AFTER_MS ago is left alone: its sender may be
 * alive. A look-up Notify does not answer leaves the message for the next run.
 */
export async function reconcileUnfinishedSends({ now = currentTime(), env = cawiEnv() }: { now?: Date; env?: CawiEnv } = {}): Promise<{
  foundAtNotify: number;
  toResend: number;
}> {
  const settled = { foundAtNotify: 0, toResend: 0 };
  if (!notifyConfigured(env)) return settled;
  const before = new Date(now.getTime() - UNFINISHED_SEND_AFTER_MS);
  const left = await db().outboxMessage.findMany({
    where: { status: "SENDING", OR: [{ claimedAt: null }, { claimedAt: { lt: before } }] },
    orderBy: { id: "asc" },
  });
  const client = notifyClient(env);
  for (const m of left) {
    if (m.channel === "LETTER") continue;
    let found: { id: string; created_at?: string } | undefined;
    try {
      const response = await client.getNotifications(m.channel === "EMAIL" ? "email" : "sms", undefined, notifyReference(m.id));
      found = (response.data as { notifications?: { id: string; reference?: string; created_at?: string }[] }).notifications?.find(
        (n) => n.reference === notifyReference(m.id),
      );
    } catch (error) {
      log.warn({ outboxId: m.id.toString(), detail: notifyError(error) }, "GOV.UK Notify could not be asked about a message a sender left unfinished");
      continue;
    }
    if (found) {
      await markSent(m.id, await openOutboxPersonal(m.personal), found.id, found.created_at ? new Date(found.created_at) : now);
      settled.foundAtNotify += 1;
    } else {
      const { count } = await db().outboxMessage.updateMany({
        where: { id: m.id, status: "SENDING", claimedAt: m.claimedAt },
        data: { status: "PENDING", claimedAt: null },
      });
      settled.toResend += count;
    }
  }
  return settled;
}

/** Notify's own words for a refusal ({status_code, errors: [{error, message}]}), else the error's message. */
function notifyError(error: unknown): string {
  const data = (error as { response?: { status?: number; data?: { errors?: { error: string; message: string }[] } } }).response;
  if (data?.data?.errors?.length) return `${data.status ?? ""} ${data.data.errors.map((e) => `${e.error}: ${e.message}`).join("; ")}`.trim();
  return error instanceof Error ? error.message : String(error);
}
