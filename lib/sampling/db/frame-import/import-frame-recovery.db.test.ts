import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { importFrame, type FrameImportResult } from "./import-frame";
import { frameCsv, frameLine, textStream, uniquePrefix } from "../test-frames";
import { GENERATED_FRAME_HEADER } from "../../frame/generate";

// Issue 12, as a user of the import sees it: the summary, the clients in the
// frame, the stored errors. Each db test file has a database of its own, so the
// frame starts empty here (the first test takes the first-import path).

const run = (input: string | Buffer, strict = false) =>
  importFrame({ input: typeof input === "string" ? textStream(input) : bytesStream(input), fileName: "recovery.csv", strict, actorId: null });

async function* bytesStream(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
}

const clients = (prefix: string) => db().frameClient.count({ where: { clientRef: { startsWith: prefix } } });
const storedErrors = async (r: FrameImportResult) =>
  db().frameImportError.findMany({ where: { importId: BigInt(r.importId) }, orderBy: { id: "asc" }, select: { line: true, column: true, message: true } });
/** Every row read is accounted for: imported, updated, history only or rejected. */
const accounted = (r: FrameImportResult) => expect(r.inserted + r.updated + r.historyOnly + r.rejected).toBe(r.rows);

const HEADER = GENERATED_FRAME_HEADER + ",x_note";
const row = (ref: string, note: string, date = "2015-04-02") => frameLine({ ref, date }) + "," + note;

describe("frame import, issue 12", () => {
  it("--strict into an empty frame lists every rejected row, the repeated client_refs included (defect 3)", async () => {
    expect(await db().frameClient.count()).toBe(0);
    const p = uniquePrefix("strict1");
    const csv = frameCsv(
      [
        { ref: `${p}-1`, date: "2015-01-05" },
        { ref: `${p}-2`, date: "2015-01-06" },
      ],
      [
        frameLine({ ref: `${p}-3`, date: "2015-02-30" }), // line 4: not a date
        frameLine({ ref: `${p}-1`, date: "2015-01-08" }), // line 5: repeats line 2
        frameLine({ ref: `${p}-2`, date: "2015-01-09" }), // line 6: repeats line 3
      ],
    );
    const r = await run(csv, true);
    // Nothing imported: all five rows are rejected, three of them with problems listed.
    expect(r).toMatchObject({ status: "REJECTED", rows: 5, inserted: 0, updated: 0, rejected: 5, errorCount: 3 });
    accounted(r);
    expect(r.message).toBe("Nothing was imported: 3 rows have problems and the import was strict, so all 5 rows were rejected.");
    expect(await db().frameImport.findUniqueOrThrow({ where: { id: BigInt(r.importId) } })).toMatchObject({ rows: 5, inserted: 0, rejected: 5 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [4, "contact_date"],
      [5, "client_ref"],
      [6, "client_ref"],
    ]);
    expect((await storedErrors(r)).map((e) => e.line)).toEqual([4, 5, 6]);
    expect(await db().frameClient.count()).toBe(0);
  });

  it("--strict into a frame with clients lists every rejected row, the repeated client_refs included; every row is accounted for", async () => {
    const p = uniquePrefix("strict2");
    expect(await run(frameCsv([{ ref: `${p}-0`, date: "2015-01-04" }]))).toMatchObject({ status: "COMPLETED", inserted: 1 });
    const csv = frameCsv(
      [
        { ref: `${p}-0`, date: "2015-01-05" },
        { ref: `${p}-1`, date: "2015-01-05" },
        { ref: `${p}-2`, date: "2015-01-06" },
      ],
      [
        frameLine({ ref: `${p}-1`, date: "2015-01-08" }), // line 5: repeats line 3
        frameLine({ ref: `${p}-3`, date: "2015-13-01" }), // line 6: not a date
        frameLine({ ref: `${p}-2`, date: "2015-01-09" }), // line 7: repeats line 4
      ],
    );
    const r = await run(csv, true);
    expect(r).toMatchObject({ status: "REJECTED", rows: 6, inserted: 0, updated: 0, historyOnly: 0, rejected: 6, errorCount: 3 });
    accounted(r);
    expect(r.message).toMatch(/3 rows have problems .* all 6 rows were rejected/);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [5, "client_ref"],
      [6, "contact_date"],
      [7, "client_ref"],
    ]);
    expect((await storedErrors(r)).map((e) => e.line)).toEqual([5, 6, 7]);
    expect(await clients(p)).toBe(1);
    // Not strict, the same file: the good rows go in, and the counts still add up.
    const loose = await run(csv);
    expect(loose).toMatchObject({ status: "COMPLETED", rows: 6, inserted: 2, updated: 1, rejected: 3 });
    accounted(loose);
  });

  it("a stray opening quote rejects its row only; the rows after it are imported (defect 1)", async () => {
    const p = uniquePrefix("stray");
    const csv =
      [
        HEADER,
        row(`${p}-1`, "x"),
        row(`${p}-2`, "x"),
        row(`${p}-3`, '"oops'),
        row(`${p}-4`, "x"),
        row(`${p}-5`, "x"),
        row(`${p}-6`, "x"),
        row(`${p}-7`, '"a, b"'),
      ].join("\n") + "\n";
    const r = await run(csv);
    expect(r).toMatchObject({ status: "COMPLETED", rows: 7, inserted: 6, rejected: 1 });
    accounted(r);
    expect(r.errors.map((e) => e.line)).toEqual([4]);
    expect(await clients(p)).toBe(6);
  });

  it("a quoted note over the record limit is one rejected row; no client is made from its lines (defect 2)", async () => {
    const p = uniquePrefix("huge");
    const inner = uniquePrefix("inside");
    // ~12 MB of lines that each look like a frame row, inside one quoted value.
    const lines = Array.from({ length: 130_000 }, (_, k) => row(`${inner}-${k}`, "x"));
    const csv = [HEADER, row(`${p}-1`, "x"), row(`${p}-2`, `"${lines.join("\n")}"`), row(`${p}-3`, "x")].join("\n") + "\n";
    expect(csv.length).toBeGreaterThan(12_000_000);
    const r = await run(Buffer.from(csv));
    expect(r).toMatchObject({ status: "COMPLETED", rows: 3, inserted: 2, rejected: 1, errorCount: 1 });
    accounted(r);
    expect(r.errors[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/longer than 4,194,304 characters .*skipped with the 129,999 lines after it/),
    });
    expect(await clients(inner)).toBe(0);
    expect(await clients(p)).toBe(2);
  }, 60_000);

  const refused = [
    { name: "a NUL byte in the header", data: Buffer.from("client_ref,service\u0000\nA1,CMS\n"), message: /NUL byte/ },
    {
      name: "a NUL byte in an x_ column's name",
      data: Buffer.from(HEADER.replace("x_note", "x_no\u0000te") + "\n" + row("N1", "x") + "\n"),
      message: /NUL byte/,
    },
    { name: "UTF-16 without a byte order mark", data: Buffer.from(HEADER + "\n" + row("W1", "x") + "\n", "utf16le"), message: /UTF-16/ },
    {
      name: "a control character in the header",
      data: Buffer.from(HEADER.replace("x_note", "x_\u0007note") + "\n" + row("K1", "x") + "\n"),
      message: new RegExp(`control character \\(U\\+0007\\) in column ${HEADER.split(",").length}`),
    },
    { name: "old Mac line ends (CR only)", data: Buffer.from([HEADER, row("M1", "x"), row("M2", "x")].join("\r") + "\r"), message: /CR only/ },
  ];
  for (const { name, data, message } of refused) {
    it(`refuses ${name} at line 1 with one message saying so, not a database error (defect 4)`, async () => {
      const r = await run(data);
      expect(r).toMatchObject({ status: "REJECTED", inserted: 0, errorCount: 1 });
      accounted(r);
      expect(r.errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(message) })]);
      expect(r.message).toMatch(message);
      const stored = await db().frameImport.findUniqueOrThrow({ where: { id: BigInt(r.importId) } });
      expect(stored.status).toBe("REJECTED");
      expect(stored.fileError).toMatch(message);
    });
  }

  it("imports a row whose x_ value holds a real U+FFFD character (defect 5)", async () => {
    const p = uniquePrefix("fffd");
    const r = await run([HEADER, row(`${p}-1`, "caf\uFFFD"), row(`${p}-2`, "x")].join("\n") + "\n");
    expect(r).toMatchObject({ status: "COMPLETED", rows: 2, inserted: 2, rejected: 0 });
    expect(await clients(p)).toBe(2);
  });

  it("stores no phone or email in full in its error messages", async () => {
    const p = uniquePrefix("mask");
    const csv = frameCsv(
      [],
      [
        frameLine({ ref: `${p}-1`, date: "2015-03-04", phone: "0770090012345678" }),
        frameLine({ ref: `${p}-2`, date: "2015-03-04", email: "jane.doe.private@example" }),
      ],
    );
    const r = await run(csv);
    expect(r).toMatchObject({ rows: 2, rejected: 2 });
    const stored = await storedErrors(r);
    expect(stored.map((e) => e.column)).toEqual(["phone", "email"]);
    expect(stored.map((e) => e.message).join("\n")).not.toMatch(/0770090012345678|jane\.doe/);
  });

  it("stores no email or free-text value in full when its bytes are not UTF-8", async () => {
    const p = uniquePrefix("mask8");
    // A byte that is not UTF-8 (0xff) inside an email and inside an x_ note.
    const [email1, email2] = frameLine({ ref: `${p}-1`, date: "2015-03-04", email: "jane.doe.private@EXAMPLE.org" }).split("EXAMPLE");
    const [note1, note2] = row(`${p}-2`, "Mrs Janet Doe of BYTE14 Acacia Road").split("BYTE");
    const csv = Buffer.concat([
      Buffer.from(`${HEADER}\n${email1}`),
      Buffer.from([0xff]),
      Buffer.from(`${email2},note\n${note1}`),
      Buffer.from([0xff]),
      Buffer.from(`${note2}\n${row(`${p}-3`, "x")}\n`),
    ]);
    const r = await run(csv);
    expect(r).toMatchObject({ rows: 3, inserted: 1, rejected: 2 });
    const stored = await storedErrors(r);
    expect(stored.map((e) => [e.line, e.column])).toEqual([
      [2, "email"],
      [3, "x_note"],
    ]);
    expect(stored.every((e) => /not valid UTF-8/.test(e.message))).toBe(true);
    expect(stored.map((e) => e.message).join("\n")).not.toMatch(/jane|Janet|Acacia/);
  });
});
