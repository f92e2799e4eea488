import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyLine, monthKey } from "./copy";
import { ByteWriter } from "../../csv-stream/copy-text";
import { fastCopyRow, fastLayout, isEmailBytes, writePhone } from "./fast";
import { dateMonthKey } from "../../csv-stream/bytes";
import { readFrameHeader } from "./header";
import { FRAME_COLUMNS, REQUIRED_COLUMNS, type FrameError } from "./row";
import { isEmail, isRealDate, normalisePhone } from "./field-rules";
import { validateFrameRecord } from "./validate";
import { ChunkSealer } from "../../privacy/crypto/cipher";
import { openCopyText, TEST_SEAL_KEY } from "./test-seal";

// Two sealers with the same key and nonce seal a row alike: the paths must write the same bytes.
const NONCE = Buffer.alloc(12, 1);
const sealer = () => new ChunkSealer(TEST_SEAL_KEY, NONCE);

const limits = { maxFieldChars: 10_000, checkEncoding: false };
const ascii = (s: string) => Buffer.from(s, "latin1");

// Values the byte fast path must get right, or leave to the slow path: valid
// ones, invalid ones, and ones that are valid only after trimming or are not ASCII.
const values: Record<string, string[]> = {
  client_ref: ["C123", "a_b-C9", "x".repeat(64), "-1", "", "a b", "x".repeat(65), "=1", "é", " C1"],
  service: ["CMS", "OPTIONS", "cms", "", "CSA", " CMS ", "CMSX"],
  role: ["RECEIVING_PARENT", "PAYING_PARENT", "MAIN_CARE", "SOME_OR_NO_CARE", "OTHER", "", "PARENT", "OTHERS"],
  contact_reason: ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES", "ARREARS", "COMPLAINT", "CASE_CLOSURE", "ENQUIRY", "", "new_application"],
  contact_date: ["2015-03-02", "2016-02-29", "2015-02-29", "2024-02-30", "", "2015/03/02", "2015-13-01", "0000-01-01", " 2015-12-31"],
  english_speaking: ["Y", "N", "", "y", "Yes", " N "],
  potentially_violent: ["Y", "N", "", "0"],
  research_consent: ["Y", "N", "TRUE", ""],
  has_address: ["Y", "N", "n", ""],
  phone: [
    "",
    "07700 900123",
    "+44 7700 900123",
    "+44 (0)7700 900123",
    "+1 415 555 2671",
    "0044 7700 900123",
    "(020) 7946 0000",
    "123",
    "=HYPERLINK(1)",
    "+440 7700 900123",
    "00+447700900123",
    "0",
    "+",
    "07700-900.123",
    "077009001234567",
  ],
  email: [
    "",
    "a@example.org",
    "+x@example.org",
    "a@b",
    "@x.org",
    "a.b@c.de",
    "a..b@c.de",
    "a'@c.de",
    "'a@c.de",
    "a@-c.de",
    "a@c-.de",
    "a@c.d1",
    "a@b@c.de",
    "a\\b@c.de",
  ],
  do_not_contact: ["", "Y", "N", "X"],
  age_band: ["", "16-24", "55+", "55 +", "18"],
  gender: ["", "FEMALE", "MALE", "OTHER", "UNKNOWN", "F"],
  service_start_date: ["", "2014-01-31", "2014-02-31", "yesterday"],
  payment_method: ["", "DIRECT_PAY", "COLLECT_AND_PAY", "NONE", "CASH"],
  csa_closure_letter: ["", "Y", "N", "maybe"],
  title: ["", "Ms", "Dr", " Mr", "x".repeat(101), "Mx"],
  first_name: ["", "Alex", "Mary Ann", "Siân", "x".repeat(100), "x".repeat(101)],
  last_name: ["", "O'Neill", "Hughes-Ward", "a\\b", "x".repeat(101), "Smith "],
  x_note: ["", "anything, at all", "tab\there", "back\\slash", "café"],
};
const optionalColumns = [...Object.keys(FRAME_COLUMNS).filter((c) => !(REQUIRED_COLUMNS as readonly string[]).includes(c)), "x_note"];
// Mostly the first two values (valid ones), so that whole rows are often valid.
const cellArb = (vs: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...vs.slice(0, 2)), weight: 24 }, { arbitrary: fc.constantFrom(...vs), weight: 1 });
const rowArb = fc.record(Object.fromEntries(Object.entries(values).map(([col, vs]) => [col, cellArb(vs)])));
const columnsArb = fc
  .subarray(optionalColumns)
  .chain((optional) => fc.shuffledSubarray([...REQUIRED_COLUMNS, ...optional], { minLength: REQUIRED_COLUMNS.length + optional.length }));

describe("fastCopyRow agrees with validateFrameRecord + copyLine", () => {
  it("writes exactly the slow path's COPY line when it takes a row, and never takes a row the slow path rejects", () => {
    const outcomes = { fast: 0, slow: 0 };
    fc.assert(
      fc.property(rowArb, columnsArb, (row, columns) => {
        const header = readFrameHeader(columns);
        if (!header.ok) throw new Error("header");
        const cells = columns.map((c) => row[c]);
        const line = cells.join(",");
        const errors: FrameError[] = [];
        const slow = validateFrameRecord(cells, header.header, 2, line.length, limits, errors);
        const bytes = Buffer.from(line);
        const out = new ByteWriter(16);
        const month = fastCopyRow(bytes, 0, bytes.length, fastLayout(header.header, 10_000, 1 << 22), out, sealer());
        if (month < 0) {
          expect(out.length).toBe(0);
          outcomes.slow++;
          return;
        }
        outcomes.fast++;
        expect(slow).not.toBeNull();
        expect(Buffer.from(out.buf.subarray(0, out.length)).toString()).toBe(copyLine(slow!, sealer()));
        expect(month).toBe(monthKey(slow!.contactDate));
      }),
      { numRuns: 4000 },
    );
    expect(outcomes.fast).toBeGreaterThan(100);
    expect(outcomes.slow).toBeGreaterThan(100);
  }, 60_000);

  it("takes the benchmark frame's rows", () => {
    const header = readFrameHeader(
      "client_ref,service,role,contact_reason,contact_date,english_speaking,potentially_violent,research_consent,has_address,phone,email,do_not_contact,age_band,gender,service_start_date,payment_method,csa_closure_letter".split(
        ",",
      ),
    );
    if (!header.ok) throw new Error("header");
    const line = ascii(
      "C000000002,CMS,PAYING_PARENT,CHANGE_OF_CIRCUMSTANCES,2015-09-19,Y,N,Y,N,0044 7700 900731,client2@example.org,N,25-34,FEMALE,2013-03-25,DIRECT_PAY,",
    );
    const out = new ByteWriter();
    expect(fastCopyRow(line, 0, line.length, fastLayout(header.header, 10_000, 1 << 22), out, sealer())).toBe(2015 * 12 + 8);
    const text = Buffer.from(out.buf.subarray(0, out.length)).toString();
    // the personal values only sealed (issue 17): no phone or email in the COPY text
    expect(text).not.toMatch(/7700900731|client2/);
    expect(openCopyText(text)).toBe(
      "CMS\tC000000002\tPAYING_PARENT\tCHANGE_OF_CIRCUMSTANCES\t2015-09-19\tt\tf\tt\tf\tf\t25-34\tFEMALE\t2013-03-25\tDIRECT_PAY\t\\N\tt\tt\tt\t+447700900731|client2@example.org|\\N|\\N|\\N\n",
    );
  });
});

describe("the byte checks agree with field-rules.ts", () => {
  const phoneish = fc.stringMatching(/^[0-9+() .\-a]{0,18}$/);
  it("writePhone: normalisePhone's number, or -1 (left to the slow path)", () => {
    fc.assert(
      fc.property(
        fc.oneof(phoneish, fc.constantFrom(...values.phone), fc.constantFrom("07700900123", "+447700900123", "+4407700900123", "0044 (0) 7700 900123")),
        (raw) => {
          const bytes = ascii(raw);
          const out = new Uint8Array(64);
          const w = writePhone(bytes, 0, bytes.length, out, 0);
          const expected = normalisePhone(raw);
          if (w < 0) expect(expected === null || raw.includes("(0)")).toBe(true);
          else expect(Buffer.from(out.subarray(0, w)).toString("latin1")).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("isEmailBytes: isEmail", () => {
    const emailish = fc.stringMatching(/^[a-zA-Z0-9_'+.\-@]{0,16}$/);
    fc.assert(
      fc.property(fc.oneof(emailish, fc.constantFrom(...values.email), fc.constant(`${"a".repeat(250)}@b.org`)), (raw) => {
        const bytes = ascii(raw);
        expect(isEmailBytes(bytes, 0, bytes.length)).toBe(isEmail(raw));
      }),
      { numRuns: 5000 },
    );
  });

  it("dateMonthKey: isRealDate, and the month", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$|^[0-9\-]{0,11}$/), (raw) => {
        const key = dateMonthKey(ascii(raw), 0, raw.length);
        expect(key >= 0).toBe(isRealDate(raw));
        if (key >= 0) expect(key).toBe(monthKey(raw));
      }),
      { numRuns: 5000 },
    );
  });
});
