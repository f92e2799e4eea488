import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addDoNotContact } from "../do-not-contact";
import { importFrame } from "./import-frame";
import { frameCsv, frameLine, textStream, uniquePrefix } from "../test-frames";
import { openClientPersonal } from "@/lib/privacy/personal";

const run = (text: string, strict = false) => importFrame({ input: textStream(text), fileName: "test.csv", strict, actorId: null });

describe("frame import", () => {
  it("inserts valid rows and reports each bad row with its line, column and reason", async () => {
    const p = uniquePrefix("rowerr");
    const csv = frameCsv(
      [
        { ref: `${p}-1`, date: "2015-01-05" },
        { ref: `${p}-2`, date: "2015-01-06" },
      ],
      [
        frameLine({ ref: `${p}-3`, date: "2015-02-30" }), // line 4: not a date
        frameLine({ ref: `${p}-4`, date: "2015-01-07", reason: "BIRTHDAY" }), // line 5: unknown code
        frameLine({ ref: `${p}-1`, date: "2015-01-08" }), // line 6: duplicate in the file
      ],
    );
    const r = await run(csv);
    expect(r).toMatchObject({ status: "COMPLETED", rows: 5, inserted: 2, updated: 0, rejected: 3 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [4, "contact_date"],
      [5, "contact_reason"],
      [6, "client_ref"],
    ]);
    expect(r.errors[1].message).toContain("BIRTHDAY");
    const stored = await db().frameImportError.findMany({ where: { importId: BigInt(r.importId) }, orderBy: { line: "asc" } });
    expect(stored.map((e) => e.line)).toEqual([4, 5, 6]);
    expect(await db().frameClient.count({ where: { clientRef: { startsWith: p } } })).toBe(2);
    const audit = await db().auditEvent.findFirst({ where: { action: "frame.imported", entityId: r.importId } });
    expect(audit?.details).toMatchObject({ inserted: 2, rejected: 3 });
  });

  it("stores the title and names (issue 18) from plain and quoted rows, and a later file's names replace them", async () => {
    const p = uniquePrefix("names");
    const r = await run(
      frameCsv([
        { ref: `${p}-1`, date: "2015-01-05", title: "Ms", firstName: "Alex", lastName: "Okafor" },
        { ref: `${p}-2`, date: "2015-01-05", firstName: "Siân", lastName: "Hughes-Ward" },
        { ref: `${p}-3`, date: "2015-01-05" },
      ]) +
        frameLine({ ref: `${p}-4`, date: "2015-01-05", lastName: '"O\'Neill, Jr"' }) +
        "\n",
    );
    expect(r).toMatchObject({ status: "COMPLETED", inserted: 4, rejected: 0 });
    // Read as the app reads them: through the one decrypt helper (lib/privacy/personal.ts).
    const names = async () => {
      const rows = await db().frameClient.findMany({ where: { clientRef: { startsWith: p } }, orderBy: { clientRef: "asc" }, select: { personal: true } });
      return Promise.all(
        rows.map(async (c) => {
          const { title, firstName, lastName } = await openClientPersonal(c.personal);
          return [title, firstName, lastName];
        }),
      );
    };
    expect(await names()).toEqual([
      ["Ms", "Alex", "Okafor"],
      [null, "Siân", "Hughes-Ward"],
      [null, null, null],
      [null, null, "O'Neill, Jr"],
    ]);
    await run(frameCsv([{ ref: `${p}-1`, date: "2015-02-05", title: "Dr", firstName: "Alex", lastName: "Okafor" }]));
    expect((await names())[0]).toEqual(["Dr", "Alex", "Okafor"]);
  });

  it("with strict, one bad row means nothing is committed", async () => {
    const p = uniquePrefix("strict");
    const csv = frameCsv([{ ref: `${p}-1`, date: "2015-01-05" }], [frameLine({ ref: `${p}-2`, date: "2015-01-05", english: "X" as "Y" })]);
    const r = await run(csv, true);
    expect(r).toMatchObject({ status: "REJECTED", rows: 2, inserted: 0, rejected: 2, errorCount: 1 });
    expect(r.message).toMatch(/Nothing was imported/);
    expect(r.errors).toEqual([expect.objectContaining({ line: 3, column: "english_speaking" })]);
    expect(await db().frameClient.count({ where: { clientRef: { startsWith: p } } })).toBe(0);
    expect((await db().frameImport.findUniqueOrThrow({ where: { id: BigInt(r.importId) } })).status).toBe("REJECTED");
  });

  it("refuses an empty file, a header-only file and a wrong header, importing nothing", async () => {
    const empty = await run("");
    expect(empty.status).toBe("REJECTED");
    expect(empty.errors[0]).toMatchObject({ line: 1, message: "the file is empty" });
    const headerOnly = await run(frameCsv([]));
    expect(headerOnly.status).toBe("REJECTED");
    expect(headerOnly.errors[0].message).toMatch(/no data rows/);
    const wrong = await run("client_ref,service,colour\nA1,CMS,red\n");
    expect(wrong.status).toBe("REJECTED");
    expect(wrong.errors.map((e) => e.column)).toContain("colour");
  });

  it("accepts CRLF line ends and a BOM", async () => {
    const p = uniquePrefix("crlf");
    const csv =
      "\uFEFF" +
      frameCsv([
        { ref: `${p}-1`, date: "2015-03-01" },
        { ref: `${p}-2`, date: "2015-03-02" },
      ]).replace(/\n/g, "\r\n");
    const r = await run(csv);
    expect(r).toMatchObject({ status: "COMPLETED", inserted: 2, rejected: 0 });
  });

  it("re-import: the latest contact wins and earlier contacts stay in the history", async () => {
    const p = uniquePrefix("reimport");
    const jan = frameCsv([
      { ref: `${p}-1`, date: "2015-01-10", reason: "NEW_APPLICATION" },
      { ref: `${p}-2`, date: "2015-01-11" },
    ]);
    const feb = frameCsv([{ ref: `${p}-1`, date: "2015-02-03", reason: "ARREARS", phone: "" }]);
    expect(await run(jan)).toMatchObject({ inserted: 2, updated: 0 });
    const febImport = await run(feb);
    expect(febImport).toMatchObject({ inserted: 0, updated: 1, historyOnly: 0 });
    const client = await db().frameClient.findUniqueOrThrow({
      where: { service_clientRef: { service: "CMS", clientRef: `${p}-1` } },
      include: { contacts: true },
    });
    expect(client.contactDate.toISOString().slice(0, 10)).toBe("2015-02-03");
    expect(client.contactReason).toBe("ARREARS");
    expect((await openClientPersonal(client.personal)).phone).toBeNull();
    expect(client.hasPhone).toBe(false);
    expect(client.contacts.map((c) => [c.contactDate.toISOString().slice(0, 10), c.contactReason])).toEqual([["2015-01-10", "NEW_APPLICATION"]]);
    // tagged with the import that moved it to the history (a tag, no foreign key: issue 16)
    expect(client.contacts[0].importId?.toString()).toBe(febImport.importId);

    // The January file again: an older contact, kept once in the history; the client keeps February.
    expect(await run(jan)).toMatchObject({ inserted: 0, updated: 1, historyOnly: 1 });
    const again = await db().frameClient.findUniqueOrThrow({
      where: { service_clientRef: { service: "CMS", clientRef: `${p}-1` } },
      include: { contacts: true },
    });
    expect(again.contactDate.toISOString().slice(0, 10)).toBe("2015-02-03");
    expect(again.contacts).toHaveLength(1);
  });

  it("the do-not-contact register outlives a re-import", async () => {
    const p = uniquePrefix("dnc");
    const csv = frameCsv([{ ref: `${p}-1`, date: "2015-01-10" }]);
    await run(csv);
    await addDoNotContact({ actorId: null, input: { service: "CMS", clientRef: `${p}-1`, reason: "Asked not to be called again" } });
    await run(csv);
    await run(frameCsv([{ ref: `${p}-1`, date: "2015-04-01", dnc: "N" }]));
    const entry = await db().doNotContactEntry.findUnique({ where: { service_clientRef: { service: "CMS", clientRef: `${p}-1` } } });
    expect(entry?.reason).toBe("Asked not to be called again");
  });

  it("a 1 MB field and bytes that are not UTF-8 reject their rows with line and column; the others import", async () => {
    const p = uniquePrefix("bytes");
    const header = "client_ref,service,role,contact_reason,contact_date,english_speaking,potentially_violent,research_consent,has_address,x_note";
    const row = (ref: string, note: string) => `${ref},CMS,PAYING_PARENT,ENQUIRY,2015-05-01,Y,N,Y,Y,${note}`;
    const text = [header, row(`${p}-1`, "fine"), row(`${p}-2`, "x".repeat(1024 * 1024)), row(`${p}-3`, "BAD"), row(`${p}-4`, "fine")].join("\n") + "\n";
    const bytes = Buffer.from(text);
    const bad = bytes.indexOf("BAD");
    bytes[bad] = 0xff; // not UTF-8
    async function* stream() {
      for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
    }
    const r = await importFrame({ input: stream(), fileName: "bytes.csv", strict: false, actorId: null });
    expect(r).toMatchObject({ status: "COMPLETED", inserted: 2, rejected: 2 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "x_note"],
      [4, "x_note"],
    ]);
  });

  it("a formula-like value is stored as given (exports escape it)", async () => {
    const p = uniquePrefix("formula");
    const header = "client_ref,service,role,contact_reason,contact_date,english_speaking,potentially_violent,research_consent,has_address,x_note";
    const csv = `${header}\n${p}-1,CMS,PAYING_PARENT,ENQUIRY,2015-05-01,Y,N,Y,Y,"=HYPERLINK(""http://evil.example"",""x"")"\n`;
    const r = await run(csv);
    expect(r).toMatchObject({ status: "COMPLETED", inserted: 1 });
  });
});
