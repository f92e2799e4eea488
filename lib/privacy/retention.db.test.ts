import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sendInvitations } from "@/lib/cawi/send-invitations";
import { drawOnlineSample } from "@/lib/cawi/test-samples";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { frameCsv, textStream, uniquePrefix } from "@/lib/sampling/db/test-frames";
import { eraseClient } from "./erase-client";
import { ERASED, eraseExpiredContactDetails, monthsBefore, pruneAuditLog } from "./retention";
import { openClientPersonal, openOutboxPersonal } from "./personal";

// issue 17, personal data: retention and subject erasure, on real PostgreSQL.
const NOW = new Date("2026-12-03T10:00:00Z");

// Read as the app reads them: through the one decrypt helper (lib/privacy/personal.ts).
async function clientsOf(refs: string[]) {
  const rows = await db().frameClient.findMany({
    where: { clientRef: { in: refs } },
    select: { clientRef: true, personal: true },
    orderBy: { clientRef: "asc" },
  });
  return Promise.all(rows.map(async (r) => ({ clientRef: r.clientRef, ...(await openClientPersonal(r.personal)) })));
}

async function outboxOf(sampleId: string) {
  const rows = await db().outboxMessage.findMany({ where: { invitation: { sampleCase: { sampleId } } }, select: { personal: true } });
  return Promise.all(rows.map(async (r) => (await openOutboxPersonal(r.personal)) ?? { to: ERASED, personalisation: {} }));
}

describe("retention of contact details", () => {
  it("erases contact details kept past retention after the last fieldwork, keeps answers and anything still in use, and says what it did", async () => {
    // An old sample (fieldwork in early 2016) and a sample still in fieldwork.
    const old = await drawOnlineSample({ n: 2, month: "2016-01", clients: () => ({ title: "Ms", firstName: "Ada", lastName: "Lovelace" }) });
    await sendInvitations({ sampleId: old.sampleId, now: new Date("2016-02-01T09:00:00Z") });
    await db().sample.update({ where: { id: old.sampleId }, data: { drawnAt: new Date("2016-02-01T08:00:00Z") } });
    const live = await drawOnlineSample({ n: 1, month: "2016-02" }); // drawn today: in fieldwork now
    await sendInvitations({ sampleId: live.sampleId, now: NOW });
    // A client in the frame never sampled, last contacted in 2016; and one contacted this autumn.
    const p = uniquePrefix("keep");
    await importFrame({
      input: textStream(
        frameCsv([
          { ref: `${p}-old`, date: "2016-03-10", email: `${p}-old@example.com` },
          { ref: `${p}-new`, date: "2026-10-10" },
        ]),
      ),
      fileName: "later.csv",
      strict: false,
      actorId: null,
    });
    // An import with a rejected row (its report quotes the line), finished in 2016.
    const bad = await importFrame({ input: textStream(frameCsv([], ["not,a,valid,row"])), fileName: "bad.csv", strict: false, actorId: null });
    await db().frameImport.update({ where: { id: BigInt(bad.importId!) }, data: { finishedAt: new Date("2016-04-01T00:00:00Z") } });
    // A respondent of 2016 with x_ columns from their file, and one of this year.
    await db().surveyRespondent.createMany({
      data: [
        {
          survey: "CMS",
          respondentRef: `${p}-r1`,
          questionnaireVersion: "CMS-2015",
          interviewDate: new Date("2016-02-20"),
          periodMonth: new Date("2016-02-01"),
          mode: "PHONE",
          role: "RECEIVING_PARENT",
          contactReason: "NEW_APPLICATION",
          answers: { CMS_SAT: "VERY_SATISFIED" },
          extra: { x_caseworker_note: "rang from 07700 900999" },
          source: "IMPORT",
        },
        {
          survey: "CMS",
          respondentRef: `${p}-r2`,
          questionnaireVersion: "CMS-2015",
          interviewDate: new Date("2026-11-20"),
          periodMonth: new Date("2026-11-01"),
          mode: "PHONE",
          role: "RECEIVING_PARENT",
          contactReason: "NEW_APPLICATION",
          answers: { CMS_SAT: "FAIRLY_SATISFIED" },
          extra: { x_team: "North" },
          source: "IMPORT",
        },
      ],
    });

    const dry = await eraseExpiredContactDetails({ now: NOW, months: 6, dryRun: true, actorId: null });
    expect(dry).toMatchObject({ cutoff: "2026-06-03T10:00:00.000Z", dryRun: true, frameClients: 3, outboxMessages: 2, respondentExtras: 1, importErrors: 1 });
    expect((await clientsOf(old.refs)).every((c) => c.phone !== null)).toBe(true); // a dry run changes nothing

    const done = await eraseExpiredContactDetails({ now: NOW, months: 6, dryRun: false, actorId: null });
    expect(done).toMatchObject({ dryRun: false, frameClients: 3, outboxMessages: 2, respondentExtras: 1, importErrors: 1 });

    for (const c of await clientsOf([...old.refs, `${p}-old`])) expect(c, c.clientRef).toMatchObject({ phone: null, email: null });
    const names = (await clientsOf(old.refs)).map(({ title, firstName, lastName }) => ({ title, firstName, lastName }));
    expect(names).toEqual([
      { title: null, firstName: null, lastName: null },
      { title: null, firstName: null, lastName: null },
    ]);
    expect((await clientsOf(live.refs))[0]).toMatchObject({ phone: "+447700900123", email: `${live.refs[0]}@example.com` });
    expect((await clientsOf([`${p}-new`]))[0].phone).toBe("+447700900123");
    expect(await outboxOf(old.sampleId)).toEqual([
      { to: ERASED, personalisation: {} },
      { to: ERASED, personalisation: {} },
    ]);
    expect((await outboxOf(live.sampleId))[0].to).toBe(`${live.refs[0]}@example.com`);
    const respondents = await db().surveyRespondent.findMany({
      where: { respondentRef: { startsWith: `${p}-r` } },
      orderBy: { respondentRef: "asc" },
      select: { answers: true, extra: true },
    });
    expect(respondents).toEqual([
      { answers: { CMS_SAT: "VERY_SATISFIED" }, extra: null },
      { answers: { CMS_SAT: "FAIRLY_SATISFIED" }, extra: { x_team: "North" } },
    ]);
    expect(await db().frameImportError.count({ where: { importId: BigInt(bad.importId!) } })).toBe(0);
    expect((await db().frameImport.findUniqueOrThrow({ where: { id: BigInt(bad.importId!) } })).rejected).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "personal-data.retention" }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ months: 6, frameClients: 3, outboxMessages: 2 });

    // Run again (the nightly job): nothing left to erase.
    expect(await eraseExpiredContactDetails({ now: NOW, months: 6, dryRun: false, actorId: null })).toMatchObject({
      frameClients: 0,
      outboxMessages: 0,
      respondentExtras: 0,
      importErrors: 0,
    });
  });

  it("counts calendar months back from now", () => {
    expect(monthsBefore(new Date("2026-12-03T10:00:00Z"), 6).toISOString()).toBe("2026-06-03T10:00:00.000Z");
    expect(monthsBefore(new Date("2027-01-15T00:00:00Z"), 24).toISOString()).toBe("2025-01-15T00:00:00.000Z");
  });
});

describe("the audit log's retention", () => {
  it("deletes only events older than the retention, refuses any other delete, and records that it pruned", async () => {
    await db().auditEvent.createMany({
      data: [
        { at: new Date("2020-01-01T00:00:00Z"), actorId: null, action: "test.old-event" },
        { at: new Date("2024-12-04T00:00:00Z"), actorId: null, action: "test.recent-event" },
      ],
    });
    // The table stays append-only for everyone else.
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE action = 'test.old-event'`)).rejects.toThrow(/append-only/);

    expect(await pruneAuditLog({ now: NOW, months: 24, dryRun: true, actorId: null })).toMatchObject({ deleted: 1, dryRun: true });
    expect(await db().auditEvent.count({ where: { action: "test.old-event" } })).toBe(1);
    expect(await pruneAuditLog({ now: NOW, months: 24, dryRun: false, actorId: null })).toMatchObject({ before: "2024-12-03T10:00:00.000Z", deleted: 1 });
    expect(await db().auditEvent.count({ where: { action: "test.old-event" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "test.recent-event" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "audit.pruned" } })).toBe(1);
    // After the prune, deletes are refused again (the permission ended with its transaction).
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE action = 'test.recent-event'`)).rejects.toThrow(/append-only/);
  });
});

describe("a subject-erasure request", () => {
  it("erases one client's contact details everywhere, closes their live case and link, puts them on the register, and leaves others alone", async () => {
    const s = await drawOnlineSample({ n: 2, month: "2016-05", mode: "MIXED" });
    await sendInvitations({ sampleId: s.sampleId, now: NOW });
    const [gone, kept] = s.refs;

    const result = await eraseClient({ input: { service: "CMS", clientRef: gone, reason: "SAR-2026-0042" }, actorId: null, now: NOW });
    expect(result).toEqual({
      service: "CMS",
      clientRef: gone,
      frameClient: true,
      outboxMessages: 1,
      invitationsWithdrawn: 1,
      casesClosed: 1,
      respondentExtras: 0,
      doNotContact: "added",
    });

    expect(await clientsOf([gone, kept])).toMatchObject([
      { clientRef: gone, phone: null, email: null },
      { clientRef: kept, phone: "+447700900123", email: `${kept}@example.com` },
    ]);
    const goneCase = await db().sampleCase.findUniqueOrThrow({
      where: { id: s.caseIdOf(gone) },
      select: { final: true, disposition: true, invitation: { select: { status: true, messages: { select: { personal: true } } } } },
    });
    expect(goneCase).toEqual({ final: true, disposition: "2.112", invitation: { status: "WITHDRAWN", messages: [{ personal: null }] } });
    const keptCase = await db().sampleCase.findUniqueOrThrow({
      where: { id: s.caseIdOf(kept) },
      select: { final: true, invitation: { select: { status: true } } },
    });
    expect(keptCase).toEqual({ final: false, invitation: { status: "ACTIVE" } });
    expect(
      await db().doNotContactEntry.findUniqueOrThrow({ where: { service_clientRef: { service: "CMS", clientRef: gone } }, select: { reason: true } }),
    ).toEqual({ reason: "Erasure request: SAR-2026-0042" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "personal-data.erased-client", entityId: `CMS:${gone}` } });
    expect(audit.details).toMatchObject({ reason: "SAR-2026-0042", casesClosed: 1 });

    // Asked twice: nothing more to erase, and the register already has them.
    expect(await eraseClient({ input: { service: "CMS", clientRef: gone, reason: "SAR-2026-0042 again" }, actorId: null, now: NOW })).toMatchObject({
      casesClosed: 0,
      outboxMessages: 0,
      doNotContact: "already",
    });
  });

  it("says so when no client has that reference", async () => {
    const attempt = eraseClient({ input: { service: "OPTIONS", clientRef: "NOBODY-1", reason: "SAR-1" }, actorId: null, now: NOW });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toThrow("There is no client NOBODY-1 in the OPTIONS frame");
  });
});
