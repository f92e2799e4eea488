import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { importContactsFile } from "./import-contacts";
import { uniquePrefix } from "./test-data";

const NOW = new Date("2026-11-25T10:00:00Z");
const file = (text: string) => {
  const f = path.join(mkdtempSync(path.join(tmpdir(), "contacts-")), "contacts.csv");
  writeFileSync(f, text);
  return f;
};

describe("contacts import FILE", () => {
  it("stores the good rows, reports bad ones by line and column, and stores each contact once when imported again", async () => {
    const p = uniquePrefix("csv");
    const csv = [
      "\uFEFFcontact_id,client_ref,service,channel,contact_at,reason,team_code,x_note",
      `${p}-1,${p}-a,CMS,phone,2026-11-25T09:00:00Z,ENQUIRY,T1,ignored`,
      `${p}-2,${p}-b,CMS,carrier pigeon,2026-11-25T09:00:00Z,ENQUIRY,T1,`,
      "",
      `${p}-3,${p}-c,OPTIONS,webchat,2026-11-25 09:00,COMPLAINT,T2,`,
      `${p}-4,${p}-d,OPTIONS,portal,2026-11-25T09:05:00+00:00,ARREARS,T2,`,
    ].join("\r\n");
    const first = await importContactsFile({ file: file(csv), actorId: null, now: NOW });
    expect(first).toEqual({
      rows: 4,
      stored: 2,
      duplicates: 0,
      rejected: 2,
      errors: [
        { line: 3, column: "channel", message: "channel must be phone, webchat, email, letter or portal" },
        { line: 5, column: "contact_at", message: "contact_at must be a date and time with its offset, e.g. 2026-12-04T10:15:00Z" },
      ],
    });
    expect(await importContactsFile({ file: file(csv), actorId: null, now: NOW })).toMatchObject({ stored: 0, duplicates: 2, rejected: 2 });
    expect(await db().contact.count({ where: { contactRef: { startsWith: p } } })).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "contacts.imported" } })).toBe(2);
  });

  it("refuses a file whose columns are wrong, naming them, and a missing file", async () => {
    await expect(importContactsFile({ file: file("contact_id,client_ref,phone\n1,2,3\n"), actorId: null, now: NOW })).rejects.toMatchObject({
      code: "CONTACTS_REJECTED",
      message: expect.stringMatching(/^unknown column phone; missing columns service, channel, contact_at, reason, team_code \(line 1\)/),
    });
    await expect(importContactsFile({ file: "/nonexistent/contacts.csv", actorId: null, now: NOW })).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });
});
