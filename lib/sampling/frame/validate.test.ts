import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFrameHeader } from "./header";
import { FRAME_COLUMNS, REQUIRED_COLUMNS, frameRowSchema, type FrameError } from "./row";
import { validateFrameRecord } from "./validate";
import { INVALID_UTF8 } from "./utf8";

const limits = { maxFieldChars: 10_000, checkEncoding: false };

// Valid values (first list) and invalid ones (second) per column: the corpus both
// validators see. Each cell is valid 85% of the time, so whole rows pass often enough.
const values: Record<string, [string[], string[]]> = {
  client_ref: [
    ["C123", "a_b-C9", " C1 ", "x".repeat(64), "-1"],
    ["", "a b", "x".repeat(65), "=1", "é"],
  ],
  service: [
    ["CMS", "OPTIONS", " CMS "],
    ["cms", "", "CSA"],
  ],
  role: [
    ["RECEIVING_PARENT", "PAYING_PARENT", "MAIN_CARE", "SOME_OR_NO_CARE", "OTHER"],
    ["", "PARENT"],
  ],
  contact_reason: [
    ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES", "ARREARS", "COMPLAINT", "CASE_CLOSURE", "ENQUIRY"],
    ["", "new_application"],
  ],
  contact_date: [
    ["2015-03-02", "2016-02-29", " 2015-12-31"],
    ["2015-02-29", "2024-02-30", "", "2015/03/02"],
  ],
  english_speaking: [
    ["Y", "N", " N "],
    ["", "y", "Yes"],
  ],
  potentially_violent: [
    ["Y", "N"],
    ["", "0"],
  ],
  research_consent: [
    ["Y", "N"],
    ["", "TRUE"],
  ],
  has_address: [
    ["Y", "N"],
    ["", "n"],
  ],
  phone: [
    ["", "07700 900123", "+44 7700 900123", "+1 415 555 2671", " 0044 7700 900123 "],
    ["123", "=HYPERLINK(1)"],
  ],
  email: [
    ["", "a@example.org", " someone@example.org ", "+x@example.org"],
    ["a@b", "@x.org"],
  ],
  do_not_contact: [["", "Y", "N"], ["X"]],
  age_band: [
    ["", "16-24", "55+"],
    ["55 +", "18"],
  ],
  gender: [["", "FEMALE", "MALE", "OTHER", "UNKNOWN"], ["F"]],
  service_start_date: [
    ["", "2014-01-31"],
    ["2014-02-31", "yesterday"],
  ],
  payment_method: [["", "DIRECT_PAY", "COLLECT_AND_PAY", "NONE"], ["CASH"]],
  csa_closure_letter: [["", "Y", "N"], ["maybe"]],
  title: [
    ["", "Ms", " Dr "],
    ["x".repeat(101), "M\tr"],
  ],
  first_name: [
    ["", "Alex", "Siân", "Mary Ann"],
    ["x".repeat(101), "A\nB"],
  ],
  last_name: [["", "O'Neill", "Hughes-Ward", "x".repeat(100)], ["x".repeat(101)]],
};
const optionalColumns = Object.keys(FRAME_COLUMNS).filter((c) => !(REQUIRED_COLUMNS as readonly string[]).includes(c));

const cellArb = ([valid, invalid]: [string[], string[]]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 17 }, { arbitrary: fc.constantFrom(...invalid), weight: 3 });
const rowArb = fc.record(Object.fromEntries(Object.entries(values).map(([col, vs]) => [col, cellArb(vs)])));
const columnsArb = fc
  .subarray(optionalColumns)
  .chain((optional) => fc.shuffledSubarray([...REQUIRED_COLUMNS, ...optional], { minLength: REQUIRED_COLUMNS.length + optional.length }));

describe("validateFrameRecord agrees with frameRowSchema", () => {
  it("accepts the same rows, gives the same FrameRow, and the same message for each column zod rejects", () => {
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(rowArb, columnsArb, (row, columns) => {
        const header = readFrameHeader(columns);
        if (!header.ok) throw new Error("header");
        const cells = columns.map((c) => row[c]);
        const errors: FrameError[] = [];
        const fast = validateFrameRecord(cells, header.header, 2, 100, limits, errors);
        const input = Object.fromEntries(columns.map((c) => [c, row[c]]));
        const zod = frameRowSchema.safeParse(input);
        expect(fast !== null).toBe(zod.success);
        outcomes[zod.success ? "accepted" : "rejected"]++;
        if (zod.success) {
          expect(fast).toEqual(zod.data);
          return;
        }
        expect(errors.length).toBeGreaterThan(0);
        for (const issue of zod.error.issues) {
          const column = String(issue.path[0]);
          expect(errors).toContainEqual({ line: 2, column, message: issue.message });
        }
      }),
      { numRuns: 3000 },
    );
    expect(outcomes.accepted).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
  }, 60_000); // ~1 s alone; generous for a machine shared with other test runs
});

describe("validateFrameRecord messages", () => {
  const columns = [...REQUIRED_COLUMNS, "phone", "x_note"];
  const header = readFrameHeader(columns);
  if (!header.ok) throw new Error("header");
  const good = ["C1", "CMS", "PAYING_PARENT", "ARREARS", "2015-03-02", "Y", "N", "Y", "Y", "", ""];
  const check = (change: Record<number, string>, chars = 100, checkEncoding = false) => {
    const errors: FrameError[] = [];
    const cells = good.map((v, i) => change[i] ?? v);
    const row = validateFrameRecord(cells, header.header, 7, chars, { maxFieldChars: 10_000, checkEncoding }, errors);
    return { row, errors };
  };

  it("says what is wrong and what to use", () => {
    expect(check({ 4: "2024-02-30" }).errors).toEqual([
      { line: 7, column: "contact_date", message: "contact_date: '2024-02-30' is not a real date (use YYYY-MM-DD)" },
    ]);
    expect(check({ 4: "02/03/2015" }).errors[0].message).toBe("contact_date: '02/03/2015' is not a date written YYYY-MM-DD");
    expect(check({ 3: "ARREAR" }).errors[0].message).toBe(
      "contact_reason: 'ARREAR' is not a known code (use NEW_APPLICATION, CHANGE_OF_CIRCUMSTANCES, ARREARS, COMPLAINT, CASE_CLOSURE or ENQUIRY)",
    );
    expect(check({ 2: "MAIN_CARE" }).errors[0].message).toBe("role: 'MAIN_CARE' is not valid for service CMS (use RECEIVING_PARENT or PAYING_PARENT)");
    expect(check({ 5: "yes" }).errors[0].message).toBe("english_speaking: 'yes' must be Y or N");
    expect(check({ 0: "" }).errors[0].message).toBe("client_ref: a value is required");
  });

  it("reports every problem in the row", () => {
    expect(check({ 1: "CSA", 4: "x", 9: "12" }).errors.map((e) => e.column)).toEqual(["service", "contact_date", "phone"]);
    expect(check({ 1: "CSA", 2: "PARENT" }).errors.map((e) => e.column)).toEqual(["service", "role"]);
  });

  it("accepts a formula-like value where the field allows it, unchanged", () => {
    const { row } = check({ 10: '=HYPERLINK("http://x.example","y")', 0: "-C1" });
    expect(row?.clientRef).toBe("-C1");
  });

  it("rejects a row with the wrong number of values", () => {
    const errors: FrameError[] = [];
    validateFrameRecord(good.slice(1), header.header, 3, 50, limits, errors);
    expect(errors).toEqual([
      {
        line: 3,
        column: null,
        message: "the row has 10 values but the header has 11 columns (a value containing a comma must be in quotes)",
      },
    ]);
  });

  it("rejects an over-long value and text that was not UTF-8", () => {
    const big = "x".repeat(1_048_576);
    expect(check({ 10: big }, big.length + 60).errors).toEqual([
      { line: 7, column: "x_note", message: "x_note: the value is 1,048,576 characters long; the limit is 10,000" },
    ]);
    // Bytes that were not UTF-8 are marked INVALID_UTF8 by the decoder (utf8.ts); an x_ value
    // (free text) is not quoted back. A real U+FFFD is a value like any other.
    expect(check({ 10: `caf${INVALID_UTF8}` }, 60, true).errors).toEqual([
      { line: 7, column: "x_note", message: `x_note: the value contains bytes that are not valid UTF-8 (save the file as "CSV UTF-8")` },
    ]);
    expect(check({ 10: "caf\uFFFD" }, 60, true).errors).toEqual([]);
  });
});

describe("names in the frame (issue 18)", () => {
  const columns = [
    "client_ref",
    "service",
    "role",
    "contact_reason",
    "contact_date",
    "english_speaking",
    "potentially_violent",
    "research_consent",
    "has_address",
    "title",
    "first_name",
    "last_name",
  ];
  const header = readFrameHeader(columns);
  if (!header.ok) throw new Error("header");
  const row = (title: string, first: string, last: string) => [
    "C1",
    "CMS",
    "RECEIVING_PARENT",
    "ARREARS",
    "2015-03-02",
    "Y",
    "N",
    "Y",
    "Y",
    title,
    first,
    last,
  ];

  it("keeps the title and names, trimmed, and leaves absent ones null", () => {
    const errors: FrameError[] = [];
    expect(validateFrameRecord(row(" Ms ", "Siân", ""), header.header, 2, 100, limits, errors)).toMatchObject({
      title: "Ms",
      firstName: "Siân",
      lastName: null,
    });
    expect(errors).toEqual([]);
  });

  it("rejects a name that is too long or on two lines without quoting any of it", () => {
    const errors: FrameError[] = [];
    const long = `Secretname${"x".repeat(95)}`;
    expect(validateFrameRecord(row("Dr", long, "Private\nSurname"), header.header, 2, 200, limits, errors)).toBeNull();
    expect(errors.map((e) => e.column)).toEqual(["first_name", "last_name"]);
    expect(errors[0].message).toBe("first_name: the value is 105 characters long; the limit is 100");
    for (const e of errors) expect(e.message).not.toMatch(/Secret|Private|Surname/);
    const zod = frameRowSchema.safeParse(Object.fromEntries(columns.map((c, i) => [c, row("Dr", long, "Private\nSurname")[i]])));
    expect(zod.success).toBe(false);
    expect(JSON.stringify(zod.error?.issues.map((i) => i.message))).not.toMatch(/Secret|Private|Surname/);
  });

  it("does not quote a name whose bytes were not UTF-8", () => {
    const errors: FrameError[] = [];
    validateFrameRecord(row("", `Secret${INVALID_UTF8}`, ""), header.header, 2, 100, { ...limits, checkEncoding: true }, errors);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).not.toContain("Secret");
  });
});
