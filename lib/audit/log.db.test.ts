import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { drawTestSample } from "@/lib/cati/db/test-cases";
import { createUser } from "@/lib/users/manage";
import { recordAuditEvent } from "./record";
import { auditLogCsv, auditLogQueryFrom, searchAuditLog } from "./log";

const at = (iso: string) => new Date(iso);

async function person(email: string, role: "ADMIN" | "INTERVIEWER" | "SUPERVISOR") {
  return (await createUser({ actorId: null, input: { email, name: `Person ${email.split("@")[0]}`, role }, password: "correct horse battery" })).user;
}

describe("the audit log", () => {
  it("answers who did what to whom and when, filtered by each, a page at a time, calls included, and exports it without personal data", async () => {
    const admin = await person("audit-admin@fieldwork.test", "ADMIN");
    const interviewer = await person("audit-int@fieldwork.test", "INTERVIEWER");
    const { sampleId } = await drawTestSample({ n: 3, month: "2016-05" });
    const cases = await db().sampleCase.findMany({ where: { sampleId }, include: { client: true }, orderBy: { drawOrder: "asc" } });
    const theCase = cases[0];

    await recordAuditEvent(db(), {
      actorId: admin.id,
      action: "user.deactivated",
      entityType: "User",
      entityId: interviewer.id,
      details: { sessionsEnded: 1, email: "leaked@example.com" },
    });
    await recordAuditEvent(db(), { actorId: interviewer.id, action: "case.phone_revealed", entityType: "SampleCase", entityId: theCase.id });
    await db().callAttempt.create({
      data: {
        sampleCaseId: theCase.id,
        interviewerId: interviewer.id,
        startedAt: at("2026-01-05T10:00:00Z"),
        endedAt: at("2026-01-05T10:05:00Z"),
        outcome: "HARD_REFUSAL",
        disposition: "2.112",
      },
    });

    // Who: the interviewer's revealing and the call, newest first.
    const byInterviewer = await searchAuditLog({ query: { actor: interviewer.id } });
    expect(byInterviewer.entries.map((e) => e.description)).toEqual(
      expect.arrayContaining(["Revealed the client's phone number", "Call outcome: Hard refusal (2.112, refusal, known respondent)"]),
    );
    // To whom: the deactivated user is named, and no personal value is shown.
    const aboutUser = await searchAuditLog({ query: { subjectType: "User", subjectId: interviewer.id } });
    expect(aboutUser.entries.map((e) => e.description)).toEqual(["Deactivated the user, ending 1 session", "Added the user as interviewer"]);
    expect(aboutUser.entries[0]).toMatchObject({
      description: "Deactivated the user, ending 1 session",
      actor: { name: "Person audit-admin" },
      subject: { typeLabel: "User", label: "Person audit-int" },
    });
    expect(JSON.stringify(aboutUser.entries[0].details)).not.toContain("leaked@example.com");
    // A case by its client reference, and a sample: events about its cases and their calls.
    const byRef = await searchAuditLog({ query: { subjectId: theCase.client.clientRef } });
    expect(byRef.entries.map((e) => e.action).sort()).toEqual(["call.outcome", "case.phone_revealed"]);
    const bySample = await searchAuditLog({ query: { sample: sampleId } });
    expect(bySample.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["call.outcome", "case.phone_revealed"]));
    // When: the call was on 5 January 2026 (UK dates).
    const onTheDay = await searchAuditLog({ query: { from: "2026-01-05", to: "2026-01-05" } });
    expect(onTheDay.entries.map((e) => e.action)).toEqual(["call.outcome"]);
    // What: one kind of action.
    expect((await searchAuditLog({ query: { action: "call.outcome" } })).entries).toHaveLength(1);

    // Paging: every entry once, newest first, across pages of 2.
    const all = await searchAuditLog({ query: {}, pageSize: 1000 });
    const paged: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await searchAuditLog({ query: { before }, pageSize: 2 });
      paged.push(...page.entries.map((e) => e.key));
      if (!page.older) break;
      before = page.older;
    }
    expect(paged).toEqual(all.entries.map((e) => e.key));
    const times = all.entries.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // The CSV has one line per entry and no personal values.
    let csv = "";
    for await (const chunk of auditLogCsv({ query: {} })) csv += chunk;
    expect(csv.trim().split("\r\n")).toHaveLength(all.entries.length + 1);
    expect(csv).not.toContain("leaked@example.com");
    expect(csv).toContain("Deactivated the user, ending 1 session");
  });

  it("refuses malformed filters with a message per field", () => {
    const parsed = auditLogQueryFrom({ actor: "not-a-uuid", from: "3 Dec", before: "x" });
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "actor: Choose a person from the list",
        "from: Enter a date as YYYY-MM-DD, for example 2026-12-03",
        "before: That page link is not valid",
      ]),
    );
    expect(auditLogQueryFrom({ actor: "", action: "call.outcome" }).data).toEqual({ action: "call.outcome" });
  });
});
