// A synthetic sampling frame (interchange.md §1) for the import benchmark, the
// demo seed and tests. Deterministic: the same options give the same bytes.
// Names, phones and emails are fictional: Ofcom drama ranges (07700 900xxx,
// 020 7946 0xxx) and example.org addresses.

import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { seededUnit } from "../draw/seed";
import { FRAME_COLUMNS } from "./row";

export interface GenerateFrameOptions {
  rows: number;
  seed?: number;
  /** Contacts fall in this calendar year (default 2015, the seeds' period). */
  year?: number;
}

/** The frame's columns in the order interchange.md §1 lists them (row.ts FRAME_COLUMNS). */
export const GENERATED_FRAME_HEADER = Object.keys(FRAME_COLUMNS).join(",");

type Weighted<T> = readonly (readonly [T, number])[];

// The mix is invented but plausible: CMS is the larger service; Options calls
// are mostly enquiries; a few percent of clients fall to each exclusion rule.
const CMS_ROLES: Weighted<string> = [
  ["RECEIVING_PARENT", 55],
  ["PAYING_PARENT", 45],
];
const OPTIONS_ROLES: Weighted<string> = [
  ["MAIN_CARE", 60],
  ["SOME_OR_NO_CARE", 30],
  ["OTHER", 10],
];
const CMS_REASONS: Weighted<string> = [
  ["NEW_APPLICATION", 25],
  ["CHANGE_OF_CIRCUMSTANCES", 30],
  ["ARREARS", 15],
  ["ENQUIRY", 20],
  ["COMPLAINT", 5],
  ["CASE_CLOSURE", 5],
];
const OPTIONS_REASONS: Weighted<string> = [
  ["ENQUIRY", 60],
  ["NEW_APPLICATION", 25],
  ["CASE_CLOSURE", 10],
  ["COMPLAINT", 5],
];
// March is the busiest month (bench/sample-draw draws from it).
const MONTHS: Weighted<number> = [
  [1, 8],
  [2, 8],
  [3, 12],
  [4, 9],
  [5, 8],
  [6, 8],
  [7, 9],
  [8, 8],
  [9, 9],
  [10, 8],
  [11, 8],
  [12, 6],
];
const AGE_BANDS: Weighted<string> = [
  ["", 10],
  ["16-24", 12],
  ["25-34", 30],
  ["35-44", 28],
  ["45-54", 15],
  ["55+", 5],
];
const GENDERS: Weighted<string> = [
  ["FEMALE", 55],
  ["MALE", 40],
  ["OTHER", 1],
  ["UNKNOWN", 2],
  ["", 2],
];
const PAYMENT: Weighted<string> = [
  ["DIRECT_PAY", 60],
  ["COLLECT_AND_PAY", 30],
  ["NONE", 10],
];

class Draw {
  /** Uniform in [0, 1). */
  readonly unit: () => number;
  constructor(seed: number) {
    this.unit = seededUnit(seed);
  }
  int(below: number): number {
    return Math.floor(this.unit() * below);
  }
  chance(percent: number): boolean {
    return this.unit() * 100 < percent;
  }
  pick<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let u = this.unit() * total;
    for (const [value, w] of table) {
      if (u < w) return value;
      u -= w;
    }
    return table[table.length - 1][0];
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function phone(d: Draw): string {
  const n = pad(d.int(1000), 3);
  switch (d.int(5)) {
    case 0:
      return `07700 900${n}`;
    case 1:
      return `+44 7700 900${n}`;
    case 2:
      return `07700900${n}`;
    case 3:
      return `(020) 7946 0${n}`;
    default:
      return `0044 7700 900${n}`;
  }
}

/** The cells of row `i` (0-based), in GENERATED_FRAME_HEADER order. */
function row(d: Draw, i: number, year: number): string {
  const cms = d.chance(70);
  const service = cms ? "CMS" : "OPTIONS";
  const month = d.pick(MONTHS);
  const day = 1 + d.int(daysIn(year, month));
  const startYear = year - d.int(4);
  const startMonth = startYear === year ? 1 + d.int(month) : 1 + d.int(12);
  const sameMonth = startYear === year && startMonth === month;
  const startDay = 1 + d.int(sameMonth ? day : daysIn(startYear, startMonth));
  const hasPhone = !d.chance(8);
  const hasEmail = !d.chance(35);
  const dnc = d.chance(0.5) ? "Y" : d.chance(20) ? "" : "N";
  return [
    // Unique per service; interleaved so neither service's refs are contiguous.
    `${cms ? "C" : "O"}${pad(i + 1, 9)}`,
    service,
    d.pick(cms ? CMS_ROLES : OPTIONS_ROLES),
    d.pick(cms ? CMS_REASONS : OPTIONS_REASONS),
    `${year}-${pad(month, 2)}-${pad(day, 2)}`,
    d.chance(3) ? "N" : "Y",
    d.chance(1.5) ? "Y" : "N",
    d.chance(7) ? "N" : "Y",
    d.chance(3) ? "N" : "Y",
    hasPhone ? phone(d) : "",
    hasEmail ? `client${i + 1}@example.org` : "",
    dnc,
    d.pick(AGE_BANDS),
    d.pick(GENDERS),
    d.chance(90) ? `${startYear}-${pad(startMonth, 2)}-${pad(startDay, 2)}` : "",
    cms ? d.pick(PAYMENT) : "",
    cms ? "" : d.chance(15) ? "Y" : "N",
    // title, first_name, last_name: from the row number, not the draw, so the
    // other columns are the same as before names were added (issue 18).
    ...fictionalName(i),
  ].join(",");
}

const TITLES = ["Ms", "Mr", "Mrs", "Miss", "Mx", "Dr", ""];
const FIRST_NAMES = ["Alex", "Sam", "Jordan", "Priya", "Tomasz", "Aisha", "Ewan", "Bethan", "Kofi", "Mei", ""];
const LAST_NAMES = ["Smith", "Jones", "Taylor", "Okafor", "Nowak", "Patel", "Campbell", "Evans", "Chen", "O'Neill", "Hughes-Ward", "Begum", "Khan"];

function fictionalName(i: number): [string, string, string] {
  return [TITLES[i % TITLES.length], FIRST_NAMES[i % FIRST_NAMES.length], LAST_NAMES[i % LAST_NAMES.length]];
}

/** The file's lines, header first, each ending in "\n". */
export function* generateFrameLines(options: GenerateFrameOptions): Generator<string> {
  const d = new Draw(options.seed ?? 2015);
  const year = options.year ?? 2015;
  yield GENERATED_FRAME_HEADER + "\n";
  for (let i = 0; i < options.rows; i++) yield row(d, i, year) + "\n";
}

/** The whole file as a string: for tests and small demo frames. */
export function generateFrameCsv(options: GenerateFrameOptions): string {
  return Array.from(generateFrameLines(options)).join("");
}

/** Streams the frame to `path` (never all in memory); resolves with the byte count. */
export async function writeFrameCsv(path: string, options: GenerateFrameOptions): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buffered: string[] = [];
  let bufferedLength = 0;
  try {
    for (const line of generateFrameLines(options)) {
      buffered.push(line);
      bufferedLength += line.length;
      if (bufferedLength >= 1 << 20) {
        bytes += await write(out, buffered.join(""));
        buffered = [];
        bufferedLength = 0;
      }
    }
    bytes += await write(out, buffered.join(""));
    out.end();
    await once(out, "finish");
  } finally {
    out.destroy();
  }
  return { rows: options.rows, bytes };
}

async function write(out: NodeJS.WritableStream, text: string): Promise<number> {
  if (!out.write(text)) await once(out, "drain");
  return Buffer.byteLength(text);
}
