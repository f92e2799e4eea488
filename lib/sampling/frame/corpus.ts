// Frame files with trouble in them, for the tests that hold the import's
// parsers to each other (parallel.test.ts, import-frame db tests).

import { seededUnit } from "../draw/seed";
import { generateFrameLines } from "./generate";

/**
 * A frame file with trouble: bad values, padded cells, duplicates, quoted
 * values holding commas, quotes and line ends (LF and CRLF), fully quoted rows,
 * stray quotes, blank lines, wrong column counts, bytes that are not UTF-8,
 * non-ASCII text, CRLF line ends, over-long rows and (optionally) a quote never closed.
 */
export function troubledFrame(rows: number, seed: number, options: { bom?: boolean; unclosed?: boolean } = {}): Buffer {
  const random = seededUnit(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const lines = [...generateFrameLines({ rows, seed })].map((l) => l.slice(0, -1));
  const header = lines[0] + ",x_note";
  const parts: Buffer[] = [Buffer.from((options.bom ? "\uFEFF" : "") + header + "\n")];
  for (let i = 1; i < lines.length; i++) {
    let cells = lines[i].split(",");
    let note = "";
    let end = "\n";
    const roll = random();
    if (roll < 0.04) cells[pick([3, 4, 5, 9, 10, 12])] = pick(["BIRTHDAY", "2015-02-30", "X", "123", "a@b", "55 +"]);
    else if (roll < 0.06) cells[pick([0, 1, 2])] = " " + cells[0] + " ";
    else if (roll < 0.09 && i > 10)
      cells[0] = lines[Math.floor(random() * (i - 1)) + 1].split(",")[0]; // a duplicate (or the same service's other ref)
    else if (roll < 0.13) note = pick(['"a, b"', '"two\nlines"', '"two\r\nlines"', '"say ""hi"""', '""', '"=HYPERLINK(""x"")"']);
    else if (roll < 0.15) cells = cells.map((c) => `"${c.replace(/"/g, '""')}"`);
    else if (roll < 0.16) note = pick(['a"b', '"a"b', 'x"']);
    else if (roll < 0.17) parts.push(Buffer.from(pick(["\n", "   \n", "\r\n", ",\n"])));
    else if (roll < 0.18) cells.pop();
    else if (roll < 0.19) note = "café £5 ✓";
    else if (roll < 0.2) {
      parts.push(Buffer.from(cells.join(",") + ",bad "), Buffer.from([0xff, 0xc3]), Buffer.from("x\n"));
      continue;
    } else if (roll < 0.23) end = "\r\n";
    else if (roll < 0.235) note = "y".repeat(3000);
    // A quoted value of many lines, over maxFieldChars (1,000 in the tests) but
    // within maxRecordChars (2,000); longer ones: frame-recovery.test.ts.
    else if (roll < 0.238) note = `"${"q\n".repeat(600)}"`;
    parts.push(Buffer.from(cells.join(",") + "," + note + end));
  }
  if (options.unclosed) parts.push(Buffer.from(lines[1].replace(/^[CO]/, "Z") + ',"never closed\n' + lines[2] + ",\n"));
  return Buffer.concat(parts);
}
