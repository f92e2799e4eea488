import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { runFollowUp } from "./follow-up";
import { sendInvitations } from "./send-invitations";
import { drawOnlineSample } from "./test-samples";
import { hashSecret } from "./tokens";
import { openOutboxPersonal } from "@/lib/privacy/personal";

// The real notifications-node-client against a local HTTP server that answers
// like GOV.UK Notify's API (POST /v2/notifications/email and /sms, a JWT signed
// with the API key's secret, 201 with the notification's id; 400 with
// {status_code, errors: [{error, message}]} when it refuses; GET /v2/notifications
// ?reference= lists the notifications it accepted with that reference).

const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
const EMAIL_TEMPLATE = randomUUID();
const SMS_TEMPLATE = randomUUID();
const NOW = new Date("2026-11-25T10:00:00Z");

interface Received {
  path: string;
  body: Record<string, unknown>;
  jwt: { header: Record<string, unknown>; payload: Record<string, unknown>; signatureValid: boolean };
}

let server: Server;
let received: Received[] = [];
let refuse: string | null = null;
/** Every notification accepted, across tests, as Notify keeps them: {id, reference, type, created_at}. */
const accepted: { id: string; reference: string; type: "email" | "sms"; created_at: string }[] = [];
/** When set: the post that makes `received` this long is accepted but never answered (the sender hangs there). */
let hangAt: number | null = null;
const hanging: ServerResponse[] = [];

function readJwt(req: IncomingMessage) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  const [h, p, s] = token.split(".");
  const expected = createHmac("sha256", SECRET).update(`${h}.${p}`).digest("base64url");
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString()),
    payload: JSON.parse(Buffer.from(p, "base64url").toString()),
    signatureValid: s === expected,
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      const jwt = readJwt(req);
      res.setHeader("Content-Type", "application/json");
      if (!jwt.signatureValid || jwt.payload.iss !== SERVICE_ID) {
        res
          .writeHead(403)
          .end(JSON.stringify({ status_code: 403, errors: [{ error: "AuthError", message: "Invalid token: signature, api token not found" }] }));
        return;
      }
      if (req.method === "GET") {
        const query = new URL(req.url ?? "/", "http://notify").searchParams;
        const notifications = accepted.filter(
          (n) => n.reference === query.get("reference") && (!query.get("template_type") || n.type === query.get("template_type")),
        );
        res.writeHead(200).end(JSON.stringify({ notifications, links: { current: `/v2/notifications?${query}` } }));
        return;
      }
      received.push({ path: req.url ?? "", body, jwt });
      const to = (body.email_address ?? body.phone_number) as string;
      if (refuse && to === refuse) {
        res
          .writeHead(400)
          .end(JSON.stringify({ status_code: 400, errors: [{ error: "BadRequestError", message: "Can't send to this recipient using a team-only API key" }] }));
        return;
      }
      const id = randomUUID();
      accepted.push({
        id,
        reference: body.reference as string,
        type: req.url?.endsWith("/sms") ? "sms" : "email",
        created_at: new Date(NOW.getTime() + 60_000).toISOString(),
      });
      if (hangAt !== null && received.length === hangAt) return void hanging.push(res);
      res.writeHead(201).end(
        JSON.stringify({
          id,
          reference: body.reference,
          content: { body: "…", from_email: "survey@notifications.service.gov.uk" },
          uri: `/v2/notifications/${id}`,
          template: { id: body.template_id, version: 1, uri: "" },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  vi.stubEnv("NOTIFY_API_KEY", `fieldwork_test-${SERVICE_ID}-${SECRET}`);
  vi.stubEnv("NOTIFY_BASE_URL", `http://127.0.0.1:${port}`);
  vi.stubEnv("NOTIFY_EMAIL_TEMPLATE_ID", EMAIL_TEMPLATE);
  vi.stubEnv("NOTIFY_SMS_TEMPLATE_ID", SMS_TEMPLATE);
  // required with a key (lib/env.ts); feedback requests are lib/feedback/notify.db.test.ts's
  vi.stubEnv("NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID", randomUUID());
  vi.stubEnv("NOTIFY_FEEDBACK_SMS_TEMPLATE_ID", randomUUID());
  vi.stubEnv("SURVEY_BASE_URL", "https://survey.example.gov.uk");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  refuse = null;
  hangAt = null;
});

describe("sending through GOV.UK Notify (the real client, a fake Notify)", () => {
  it("sends emails and texts with the template and personalisation, records Notify's id, keeps no link; letters stay in the outbox", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({
      n: 3,
      month: "2018-01",
      clients: (ref, i) => (i === 0 ? {} : i === 1 ? { email: "", phone: "07700 900789" } : { email: "", phone: "", address: "Y" }),
    });
    expect(await sendInvitations({ sampleId, now: NOW })).toEqual({ sent: 3, skipped: [] });

    expect(received.map((r) => r.path).sort()).toEqual(["/v2/notifications/email", "/v2/notifications/sms"]);
    for (const r of received) {
      expect(r.jwt.signatureValid).toBe(true);
      expect(r.jwt.header).toMatchObject({ alg: "HS256", typ: "JWT" });
      expect(r.jwt.payload.iss).toBe(SERVICE_ID);
    }
    const email = received.find((r) => r.path.endsWith("/email"))!;
    expect(email.body).toMatchObject({ email_address: `${refs[0]}@example.com`, template_id: EMAIL_TEMPLATE });
    const personalisation = email.body.personalisation as Record<string, string>;
    expect(personalisation.link).toMatch(/^https:\/\/survey\.example\.gov\.uk\/s\/[A-Za-z0-9_-]{43}$/);
    expect(personalisation.expiry_date).toBe("23 December 2026");
    const sms = received.find((r) => r.path.endsWith("/sms"))!;
    expect(sms.body).toMatchObject({ phone_number: "+447700900789", template_id: SMS_TEMPLATE });

    // The link Notify was given opens the invitation; only Notify's copy holds it.
    const token = personalisation.link.split("/s/")[1];
    const inv = await db().invitation.findUniqueOrThrow({ where: { sampleCaseId: caseIdOf(refs[0]) }, include: { messages: true } });
    expect(inv.tokenHash).toBe(hashSecret(token));
    expect(inv.messages[0]).toMatchObject({ status: "SENT", notifyId: expect.stringMatching(/^[0-9a-f-]{36}$/), sentAt: NOW });
    expect(JSON.stringify((await openOutboxPersonal(inv.messages[0].personal))?.personalisation)).not.toContain(token);
    const letter = await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCaseId: caseIdOf(refs[2]) } } });
    expect(letter).toMatchObject({ channel: "LETTER", status: "LOCAL", notifyId: null });
  });

  it("a message Notify refuses is marked FAILED with Notify's reason; the others are sent", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 2, month: "2018-02" });
    refuse = `${refs[1]}@example.com`;
    expect((await sendInvitations({ sampleId, now: NOW })).sent).toBe(2);
    const failed = await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCaseId: caseIdOf(refs[1]) } } });
    expect(failed).toMatchObject({ status: "FAILED", notifyId: null, error: "400 BadRequestError: Can't send to this recipient using a team-only API key" });
    const ok = await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCaseId: caseIdOf(refs[0]) } } });
    expect(ok.status).toBe("SENT");
  });

  it("a job runner killed (SIGKILL) mid-batch: the next follow-up finds at Notify the message it was sending, sends the rest, and nothing goes twice", async () => {
    const { sampleId, refs } = await drawOnlineSample({ n: 4, month: "2018-04" });
    const messages = async () => db().outboxMessage.findMany({ where: { invitation: { sampleCase: { sampleId } } }, orderBy: { id: "asc" } });
    // The invitations written but not yet handed over (written without a key, then made PENDING): a runner of their own delivers them.
    vi.stubEnv("NOTIFY_API_KEY", "");
    expect((await sendInvitations({ sampleId, now: NOW })).sent).toBe(4);
    vi.stubEnv("NOTIFY_API_KEY", `fieldwork_test-${SERVICE_ID}-${SECRET}`);
    await db().outboxMessage.updateMany({ where: { invitation: { sampleCase: { sampleId } } }, data: { status: "PENDING" } });
    expect(received).toEqual([]);

    // Notify takes the second message and the runner is killed while it waits for the answer.
    hangAt = 2;
    const runner = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "testing", "deliver-pending-process.ts"), NOW.toISOString()],
      {
        env: process.env,
        stdio: "ignore",
      },
    );
    await expect.poll(() => received.length, { timeout: 60_000, interval: 50 }).toBe(2);
    runner.kill("SIGKILL");
    await new Promise((resolve) => runner.once("exit", resolve));
    expect((await messages()).map((m) => m.status)).toEqual(["SENT", "SENDING", "PENDING", "PENDING"]);

    // Within a sender's time the follow-up leaves the claimed message alone (its sender may still be working)...
    const settings = { reminderAfterDays: 7, maxReminders: 1, switchGraceDays: 7 };
    expect((await runFollowUp({ now: new Date(NOW.getTime() + 60_000), settings, sampleId })).delivered).toBe(2);
    expect((await messages()).map((m) => m.status)).toEqual(["SENT", "SENDING", "SENT", "SENT"]);
    // ...and later asks Notify, which has it: SENT with Notify's id, not sent again.
    await runFollowUp({ now: new Date(NOW.getTime() + 20 * 60_000), settings, sampleId });
    const after = await messages();
    expect(after.map((m) => m.status)).toEqual(["SENT", "SENT", "SENT", "SENT"]);
    expect(after[1]!.notifyId).toBe(accepted.find((n) => n.reference === `outbox-${after[1]!.id}`)!.id);
    expect(JSON.stringify((await openOutboxPersonal(after[1]!.personal))?.personalisation)).not.toContain("/s/");
    // Each client got exactly one invitation.
    expect(received.map((r) => r.body.email_address).sort()).toEqual(refs.map((ref) => `${ref}@example.com`).sort());
  });

  it("a crash mid-batch sends nothing twice: a claimed message Notify never received is sent once later, the ones the sender had not reached go with the next follow-up, reminders too", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 3, month: "2018-03" });
    expect((await sendInvitations({ sampleId, now: NOW })).sent).toBe(3);
    // As a sender killed mid-batch leaves them: one claimed (SENDING) before it reached Notify, one never reached (PENDING).
    const [claimed, unsent] = [caseIdOf(refs[1]), caseIdOf(refs[2])];
    const claimedMessage = await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCaseId: claimed } } });
    accepted.splice(
      accepted.findIndex((n) => n.reference === `outbox-${claimedMessage.id}`),
      1,
    );
    await db().outboxMessage.updateMany({ where: { invitation: { sampleCaseId: claimed } }, data: { status: "SENDING", notifyId: null, claimedAt: NOW } });
    await db().outboxMessage.updateMany({ where: { invitation: { sampleCaseId: unsent } }, data: { status: "PENDING", notifyId: null } });
    received = [];
    const settings = { reminderAfterDays: 7, maxReminders: 1, switchGraceDays: 7 };
    // Two follow-ups at once: each pending message goes to Notify exactly once.
    const runs = await Promise.all([runFollowUp({ now: NOW, settings, sampleId }), runFollowUp({ now: NOW, settings, sampleId })]);
    expect(runs[0].delivered + runs[1].delivered).toBe(1);
    expect(received.map((r) => r.body.email_address)).toEqual([`${refs[2]}@example.com`]);
    expect(await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCaseId: claimed } } })).toMatchObject({ status: "SENDING" });
    // A sender's time later, Notify has no message of that reference: it goes back to PENDING and is sent, once.
    received = [];
    const settling = [
      runFollowUp({ now: new Date(NOW.getTime() + 20 * 60_000), settings, sampleId }),
      runFollowUp({ now: new Date(NOW.getTime() + 20 * 60_000), settings, sampleId }),
    ];
    expect((await Promise.all(settling)).reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(received.map((r) => r.body.email_address)).toEqual([`${refs[1]}@example.com`]);
    expect(await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCaseId: claimed } } })).toMatchObject({ status: "SENT" });

    // A week later the reminders go through Notify with the reminder template (the email one when none is set) and a new link.
    received = [];
    const later = new Date(NOW.getTime() + 7 * 86_400_000);
    expect(await runFollowUp({ now: later, settings, sampleId })).toMatchObject({ reminders: 3, delivered: 3 });
    expect(received).toHaveLength(3);
    expect(
      received.every((r) => r.body.template_id === EMAIL_TEMPLATE && /\/s\/[A-Za-z0-9_-]{43}$/.test((r.body.personalisation as Record<string, string>).link)),
    ).toBe(true);
    expect(await runFollowUp({ now: later, settings, sampleId })).toMatchObject({ reminders: 0, delivered: 0 });
  });
});
