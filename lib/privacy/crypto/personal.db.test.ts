import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sendInvitations } from "@/lib/cawi/send-invitations";
import { listOutbox } from "@/lib/cawi/outbox";
import { drawOnlineSample } from "@/lib/cawi/test-samples";
import { withPgClient } from "@/lib/sampling/db/pg";
import { eraseClient } from "../erase-client";
import { openClientPersonal, openOutboxPersonal } from "../personal";
import { forgetDataKeys, unwrapDataKey } from "./keys";
import { masterKeyId } from "./master-key";
import { rotateDataKey, rotateMasterKey } from "./rotate";

// Issue 17: personal data encrypted at rest, on real PostgreSQL. This file's
// master key is its own (set before any data key exists in its database).
const firstMaster = randomBytes(32);
process.env.PERSONAL_DATA_KEY = firstMaster.toString("base64");

const NOW = new Date("2026-12-03T10:00:00Z");

/** Every column of the rows, as PostgreSQL prints them, and the sealed value's bytes read as text. */
async function rawText(table: "FrameClient" | "OutboxMessage", where: string, values: unknown[]): Promise<string> {
  return withPgClient(async (pg) => {
    const { rows } = await pg.query<{ t: string; escaped: string | null }>(
      `SELECT row_to_json(t)::text AS t, encode(decode(t."personal", 'base64'), 'escape') AS escaped FROM "${table}" t WHERE ${where}`,
      values,
    );
    return rows.map((r) => `${r.t}\n${r.escaped ?? ""}`).join("\n");
  });
}

async function personalOf(ref: string) {
  const c = await db().frameClient.findFirstOrThrow({ where: { clientRef: ref }, select: { personal: true, hasPhone: true, hasMobile: true, hasEmail: true } });
  return { ...(await openClientPersonal(c.personal)), hasPhone: c.hasPhone, hasMobile: c.hasMobile, hasEmail: c.hasEmail, sealed: c.personal };
}

describe("personal data at rest", () => {
  const people = (ref: string, i: number) => ({
    phone: i === 0 ? "07700 900456" : "020 7946 0123",
    email: `${ref}@example.com`,
    title: "Ms",
    firstName: i === 0 ? "Siân" : "Ada",
    lastName: i === 0 ? "Hughes-Ward" : "Lovelace",
  });

  it("the frame and the outbox hold no plain phone, email, name, link or access code; the one helper reads them back", async () => {
    const s = await drawOnlineSample({ n: 2, month: "2019-03", clients: people });
    await sendInvitations({ sampleId: s.sampleId, now: NOW });

    const frame = await rawText("FrameClient", `t."clientRef" = ANY($1::text[])`, [s.refs]);
    expect(frame).toContain(s.refs[0]); // the rows were read
    for (const plain of ["7700900456", "7700 900456", "2079460123", "@example.com", "Siân", "Hughes-Ward", "Lovelace", '"Ms"'])
      expect(frame).not.toContain(plain);

    expect(await personalOf(s.refs[0])).toMatchObject({
      phone: "+447700900456",
      email: `${s.refs[0]}@example.com`,
      title: "Ms",
      firstName: "Siân",
      lastName: "Hughes-Ward",
      hasPhone: true,
      hasMobile: true,
      hasEmail: true,
    });
    expect(await personalOf(s.refs[1])).toMatchObject({ phone: "+442079460123", hasPhone: true, hasMobile: false });

    const outbox = await listOutbox({ sampleId: s.sampleId });
    expect(outbox.map((m) => m.to).sort()).toEqual(s.refs.map((r) => `${r}@example.com`).sort());
    const token = outbox[0].link!.split("/s/")[1];
    const raw = await rawText(
      "OutboxMessage",
      `t."invitationId" IN (SELECT i.id FROM "Invitation" i JOIN "SampleCase" c ON c.id = i."sampleCaseId" WHERE c."sampleId" = $1::uuid)`,
      [s.sampleId],
    );
    expect(raw).toMatch(/"status":"LOCAL"/);
    for (const plain of ["@example.com", token, "/s/"]) expect(raw).not.toContain(plain);
  });

  it("rotate-key: the data keys are wrapped again by a new master key; every value still reads, the old master key opens nothing", async () => {
    const s = await drawOnlineSample({ n: 2, month: "2019-04", clients: people });
    await sendInvitations({ sampleId: s.sampleId, now: NOW });
    const before = await personalOf(s.refs[0]);
    const newMaster = randomBytes(32);

    const rotated = await rotateMasterKey({ newKey: newMaster, actorId: null });
    expect(rotated).toMatchObject({ from: masterKeyId(firstMaster), to: masterKeyId(newMaster) });
    expect(rotated.dataKeys).toBeGreaterThan(0);
    const keys = await db().personalDataKey.findMany();
    for (const k of keys) {
      expect(k.masterKeyId).toBe(masterKeyId(newMaster));
      expect(() => unwrapDataKey(k.id, k.wrapped, firstMaster, k.masterKeyId)).toThrow(/does not open with this master key/);
    }
    // The sealed values themselves did not change; with the new master key they read as before.
    process.env.PERSONAL_DATA_KEY = newMaster.toString("base64");
    forgetDataKeys();
    const after = await personalOf(s.refs[0]);
    expect(after.sealed).toBe(before.sealed);
    expect(after).toMatchObject({ phone: "+447700900456", firstName: "Siân" });
    // ...and with the old one they do not.
    process.env.PERSONAL_DATA_KEY = firstMaster.toString("base64");
    forgetDataKeys();
    await expect(openClientPersonal(after.sealed)).rejects.toThrow(/does not open with this master key/);
    process.env.PERSONAL_DATA_KEY = newMaster.toString("base64");
    forgetDataKeys();

    // A new data key: every value sealed again with it, the old keys gone.
    const old = keys.map((k) => k.id);
    const again = await rotateDataKey({ actorId: null });
    expect(again.frameClients).toBeGreaterThanOrEqual(2);
    expect(again.outboxMessages).toBeGreaterThanOrEqual(2);
    expect(old).not.toContain(again.dataKey);
    expect((await db().personalDataKey.findMany({ select: { id: true } })).map((k) => k.id)).toEqual([again.dataKey]);
    forgetDataKeys();
    const resealed = await personalOf(s.refs[0]);
    expect(Buffer.from(resealed.sealed!, "base64").readUInt16BE(0)).toBe(again.dataKey);
    expect(resealed).toMatchObject({ phone: "+447700900456", email: `${s.refs[0]}@example.com`, lastName: "Hughes-Ward" });
    expect((await listOutbox({ sampleId: s.sampleId })).map((m) => m.to).sort()).toEqual(s.refs.map((r) => `${r}@example.com`).sort());

    const audit = await db().auditEvent.findMany({ where: { action: { in: ["personal-data.master-key-rotated", "personal-data.data-key-rotated"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["personal-data.data-key-rotated", "personal-data.master-key-rotated"]);
  });

  it("erasure still erases: the sealed values go, and with them the flags", async () => {
    const s = await drawOnlineSample({ n: 1, month: "2019-05", clients: people });
    await sendInvitations({ sampleId: s.sampleId, now: NOW });
    await eraseClient({ input: { service: "CMS", clientRef: s.refs[0], reason: "SAR test" }, actorId: null, now: NOW });
    expect(await personalOf(s.refs[0])).toMatchObject({ phone: null, email: null, firstName: null, hasPhone: false, hasEmail: false, sealed: null });
    const messages = await db().outboxMessage.findMany({ where: { invitation: { sampleCaseId: s.caseIdOf(s.refs[0]) } }, select: { personal: true } });
    expect(await Promise.all(messages.map((m) => openOutboxPersonal(m.personal)))).toEqual([null]);
  });
});
