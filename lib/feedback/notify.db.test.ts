import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashSecret } from "@/lib/cawi/tokens";
import { db } from "@/lib/db/client";
import { openFeedbackByToken } from "./respondent";
import { sendFeedbackRequests } from "./send-requests";
import { DEFAULT_FEEDBACK_SETTINGS } from "./settings-schema";
import { storeContacts } from "./store-contacts";
import { contactItem, importFeedbackClients, uniquePrefix } from "./test-data";
import { openOutboxPersonal } from "@/lib/privacy/personal";

// A feedback request through the real notifications-node-client to a local
// server answering like GOV.UK Notify (lib/cawi/notify.db.test.ts has the full fake).
const SERVICE_ID = randomUUID();
const SECRET = randomUUID();
// the invitation templates are set too: a feedback request must not use them
const INVITATION_EMAIL_TEMPLATE = randomUUID();
const INVITATION_SMS_TEMPLATE = randomUUID();
const FEEDBACK_EMAIL_TEMPLATE = randomUUID();
const FEEDBACK_SMS_TEMPLATE = randomUUID();
const NOW = new Date("2026-11-25T10:00:00Z");
let server: Server;
const received: { path: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(raw || "{}") });
      const id = randomUUID();
      res.setHeader("Content-Type", "application/json");
      res.writeHead(201).end(
        JSON.stringify({
          id,
          reference: "x",
          content: { body: "…" },
          uri: `/v2/notifications/${id}`,
          template: { id: received.at(-1)!.body.template_id, version: 1, uri: "" },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  vi.stubEnv("NOTIFY_API_KEY", `fieldwork_test-${SERVICE_ID}-${SECRET}`);
  vi.stubEnv("NOTIFY_BASE_URL", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  vi.stubEnv("NOTIFY_EMAIL_TEMPLATE_ID", INVITATION_EMAIL_TEMPLATE);
  vi.stubEnv("NOTIFY_SMS_TEMPLATE_ID", INVITATION_SMS_TEMPLATE);
  vi.stubEnv("NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID", FEEDBACK_EMAIL_TEMPLATE);
  vi.stubEnv("NOTIFY_FEEDBACK_SMS_TEMPLATE_ID", FEEDBACK_SMS_TEMPLATE);
  vi.stubEnv("SURVEY_BASE_URL", "https://survey.example.gov.uk");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
});

describe("feedback requests through GOV.UK Notify", () => {
  beforeEach(() => {
    received.length = 0;
  });

  it("sends the text with the feedback template and the personal link, records Notify's id and keeps no copy of the link", async () => {
    const p = uniquePrefix("ntf");
    await importFeedbackClients([{ ref: `${p}-c`, phone: "07700 900777" }]);
    await storeContacts({ body: contactItem(`${p}-1`, `${p}-c`, new Date(NOW.getTime() - 10 * 60_000)), apiKeyId: null, now: NOW });
    const result = await sendFeedbackRequests({ now: NOW, settings: DEFAULT_FEEDBACK_SETTINGS });
    expect(result).toMatchObject({ asked: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/v2/notifications/sms");
    expect(received[0]!.body).toMatchObject({ phone_number: "+447700900777", template_id: FEEDBACK_SMS_TEMPLATE });
    expect(Object.keys(received[0]!.body.personalisation as object).sort()).toEqual(["expiry_date", "link", "service"]);
    expect(received[0]!.body.personalisation).toMatchObject({ service: "Child Maintenance Service", expiry_date: "2 December 2026" });
    const link = (received[0]!.body.personalisation as { link: string }).link;
    expect(link).toMatch(/^https:\/\/survey\.example\.gov\.uk\/f\/[A-Za-z0-9_-]{43}$/);
    const token = link.split("/f/")[1]!;
    const request = await db().feedbackRequest.findFirstOrThrow({ where: { contact: { contactRef: `${p}-1` } }, include: { messages: true } });
    expect(request.tokenHash).toBe(hashSecret(token));
    expect(request.messages[0]).toMatchObject({ kind: "FEEDBACK_REQUEST", status: "SENT", notifyId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify((await openOutboxPersonal(request.messages[0]!.personal))?.personalisation)).not.toContain(token);
    // the link Notify was given opens the request
    expect(await openFeedbackByToken({ token, ip: "203.0.113.5", now: NOW })).toEqual({ ok: true, requestId: request.id });
  });

  it("emails a client without a mobile with the feedback email template, naming their service", async () => {
    const p = uniquePrefix("ntfe");
    await importFeedbackClients([{ ref: `${p}-c`, service: "OPTIONS", phone: "", email: `${p}@example.com` }]);
    await storeContacts({ body: contactItem(`${p}-1`, `${p}-c`, new Date(NOW.getTime() - 10 * 60_000), { service: "OPTIONS" }), apiKeyId: null, now: NOW });
    expect(await sendFeedbackRequests({ now: NOW, settings: DEFAULT_FEEDBACK_SETTINGS })).toMatchObject({ asked: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/v2/notifications/email");
    expect(received[0]!.body).toMatchObject({
      email_address: `${p}@example.com`,
      template_id: FEEDBACK_EMAIL_TEMPLATE,
      personalisation: {
        link: expect.stringMatching(/^https:\/\/survey\.example\.gov\.uk\/f\/[A-Za-z0-9_-]{43}$/),
        service: "Child Maintenance Options",
        expiry_date: "2 December 2026",
      },
    });
  });
});
