import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { letterBatch } from "./letters";
import { listOutbox } from "./outbox";
import { sendInvitations } from "./send-invitations";
import { drawOnlineSample } from "./test-samples";
import { hashAccessCode, hashSecret } from "./tokens";

const NOW = new Date("2026-11-25T10:00:00Z");

describe("sendInvitations", () => {
  it("invites each case by the channel it can take: email, else a text to a mobile, else a letter with an access code", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({
      n: 3,
      month: "2016-01",
      mode: "MIXED",
      clients: (ref, i) => (i === 0 ? {} : i === 1 ? { email: "", phone: "07700 900456" } : { email: "", phone: "01632 960001", address: "Y" }),
    });
    const result = await sendInvitations({ sampleId, now: NOW });
    expect(result).toEqual({ sent: 3, skipped: [] });

    const outbox = await listOutbox({ sampleId });
    const byCase = new Map(outbox.map((m) => [m.caseId, m]));
    const email = byCase.get(caseIdOf(refs[0]))!;
    const sms = byCase.get(caseIdOf(refs[1]))!;
    const letter = byCase.get(caseIdOf(refs[2]))!;
    expect(email).toMatchObject({ channel: "EMAIL", kind: "INVITATION", status: "LOCAL", to: `${refs[0]}@example.com`, accessCode: null });
    expect(sms).toMatchObject({ channel: "SMS", to: "+447700900456", accessCode: null });
    expect(letter).toMatchObject({ channel: "LETTER", to: `CMS client ${refs[2]}` });
    expect(letter.accessCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(email.link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

    // Only hashes are stored on the invitation; the expiry is 28 days on.
    const token = email.link!.split("/s/")[1];
    const inv = await db().invitation.findUniqueOrThrow({ where: { sampleCaseId: caseIdOf(refs[0]) } });
    expect(inv.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(inv)).not.toContain(token);
    expect(inv.expiresAt.getTime() - NOW.getTime()).toBe(28 * 24 * 3600_000);
    const letterInv = await db().invitation.findUniqueOrThrow({ where: { sampleCaseId: caseIdOf(refs[2]) } });
    expect(letterInv.accessCodeHash).toBe(hashAccessCode(letter.accessCode!));
    expect(letterInv.channel).toBe("LETTER");

    // The mail house's batch: the letter's case, client reference and code, no contact details; the download is audited.
    const batch = await letterBatch({ sampleId, actorId: null, via: "cli" });
    expect(batch.letters).toBe(1);
    const [header, row] = batch.csv.trim().split("\r\n");
    expect(header).toBe("letter_id,case_id,service,client_ref,kind,access_code,start_url,expiry_date,written_at");
    expect(row).toContain(`,${caseIdOf(refs[2])},CMS,${refs[2]},invitation,${letter.accessCode},http`);
    expect(row).toContain("/start,23 December 2026,");
    expect(batch.csv).not.toContain("example.com");
    expect(batch.csv).not.toContain("07700");
    expect(await db().auditEvent.findFirst({ where: { action: "letters.downloaded", entityId: sampleId } })).toMatchObject({
      details: { letters: 1, via: "cli" },
    });
  });

  it("skips phone cases, do-not-contact clients, closed quota cells, clients without the channel asked for, and cases already invited", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({
      n: 5,
      month: "2016-02",
      mode: "MIXED",
      clients: (ref, i) => (i === 4 ? { reason: "ARREARS" } : {}),
    });
    // refs[0]: on the register; refs[1]: the frame's own flag; refs[4]: its quota cell closed.
    await db().doNotContactEntry.create({ data: { service: "CMS", clientRef: refs[0], reason: "test" } });
    await db().frameClient.update({ where: { service_clientRef: { service: "CMS", clientRef: refs[1] } }, data: { doNotContact: true } });
    const stratumOf4 = await db().sampleCase.findUniqueOrThrow({ where: { id: caseIdOf(refs[4]) }, select: { stratumId: true } });
    await db().quotaCell.create({ data: { sampleId, stratumId: stratumOf4.stratumId, target: 5, closedAt: NOW } });

    const first = await sendInvitations({ sampleId, channel: "SMS", now: NOW });
    // Everyone has the default mobile, so text messages go to refs[2] and refs[3].
    expect(first.sent).toBe(2);
    expect(first.skipped).toEqual(
      expect.arrayContaining([
        { caseId: caseIdOf(refs[0]), reason: "DO_NOT_CONTACT" },
        { caseId: caseIdOf(refs[1]), reason: "DO_NOT_CONTACT" },
        { caseId: caseIdOf(refs[4]), reason: "QUOTA_CELL_FULL_OR_CLOSED" },
      ]),
    );
    const again = await sendInvitations({ sampleId, now: NOW });
    expect(again.sent).toBe(0);
    expect(
      again.skipped
        .filter((s) => s.reason === "ALREADY_INVITED")
        .map((s) => s.caseId)
        .sort(),
    ).toEqual([caseIdOf(refs[2]), caseIdOf(refs[3])].sort());
    expect(await db().outboxMessage.count({ where: { invitation: { sampleCase: { sampleId } } } })).toBe(2);

    const noMobile = await drawOnlineSample({ n: 1, month: "2016-03", clients: () => ({ phone: "" }) });
    expect(await sendInvitations({ sampleId: noMobile.sampleId, channel: "SMS", now: NOW })).toEqual({
      sent: 0,
      skipped: [{ caseId: noMobile.caseIdOf(noMobile.refs[0]), reason: "NO_MOBILE" }],
    });

    const phone = await drawOnlineSample({ n: 1, month: "2016-04", mode: "PHONE" });
    expect(await sendInvitations({ sampleId: phone.sampleId, now: NOW })).toEqual({
      sent: 0,
      skipped: [{ caseId: phone.caseIdOf(phone.refs[0]), reason: "PHONE_ONLY" }],
    });
  });

  it("refuses a sample that does not exist", async () => {
    await expect(sendInvitations({ sampleId: "00000000-0000-4000-8000-000000000000", now: NOW })).rejects.toMatchObject({ code: "SAMPLE_NOT_FOUND" });
  });
});
