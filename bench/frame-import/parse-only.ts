/**
 * Where the parse time goes (issue 6): reads the benchmark frame without any
 * database, through the stages of the import's JavaScript side: read, decode,
 * split (CsvRecordSplitter), parse (parseFrame: split + validate + duplicates),
 * copy (parseFrameToCopy on this thread), workers (on 2 worker threads, as a
 * later import parses), workers-months (as a first import parses).
 * Run: node --import tsx bench/frame-import/parse-only.ts [rows] [stage...]
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { CsvRecordSplitter } from "@/lib/sampling/frame/record-splitter";
import { GENERATED_FRAME_HEADER } from "@/lib/sampling/frame/generate";
import { parseFrame } from "@/lib/sampling/frame/parse";

// A throw-away data key: the sealed values are never read back.
const sealKey = { id: 1, key: randomBytes(32) };

const rows = Number(process.argv[2] ?? 2_500_000);
const file = path.join(os.tmpdir(), `fieldwork-frame-${rows}-2015-${GENERATED_FRAME_HEADER.split(",").length}cols.csv`);
const stages = process.argv.slice(3);
const input = () => createReadStream(file, { highWaterMark: 1 << 20 });

async function time(name: string, work: () => Promise<unknown>) {
  if (stages.length > 0 && !stages.includes(name)) return;
  const t0 = performance.now();
  const out = await work();
  console.log(`${name.padEnd(12)} ${((performance.now() - t0) / 1000).toFixed(2)} s  ${JSON.stringify(out)}`);
}

await time("read", async () => {
  let n = 0;
  for await (const c of input()) n += (c as Buffer).length;
  return n;
});
await time("decode", async () => {
  const d = new TextDecoder();
  let n = 0;
  for await (const c of input()) n += d.decode(c as Buffer, { stream: true }).length;
  return n;
});
await time("split", async () => {
  const d = new TextDecoder();
  let n = 0;
  const s = new CsvRecordSplitter({ record: () => void n++, problem: () => undefined }, 1 << 22);
  for await (const c of input()) s.push(d.decode(c as Buffer, { stream: true }));
  s.end();
  return n;
});
await time("parse", async () => {
  const p = parseFrame(input(), { batchSize: 2000 });
  let step = await p.next();
  for (; !step.done; step = await p.next());
  return step.value;
});
await time("copy", async () => {
  const { parseFrameToCopy } = await import("@/lib/sampling/frame/parallel");
  const p = parseFrameToCopy(input(), { sealKey });
  let step = await p.next();
  let n = 0;
  for (; !step.done; step = await p.next()) n += step.value.copy.length;
  return { ...step.value, copyBytes: n };
});
for (const grouped of [false, true]) {
  await time(grouped ? "workers-months" : "workers", async () => {
    const { parseFrameToCopy } = await import("@/lib/sampling/frame/parallel");
    const { startChunkWorkers } = await import("@/lib/sampling/frame/workers");
    const { MonthBuckets } = await import("@/lib/sampling/frame/month-buckets");
    const t0 = performance.now();
    const runner = await startChunkWorkers(Number(process.env.WORKERS ?? 2));
    const startup = performance.now() - t0;
    if (!runner) throw new Error("no workers");
    const buckets = new MonthBuckets();
    const elu0 = performance.eventLoopUtilization();
    try {
      // As the import parses: a first import groups by month and leaves duplicates to the database.
      const p = parseFrameToCopy(input(), { runner, groupByMonth: grouped, checkDuplicates: !grouped, sealKey });
      let step = await p.next();
      let n = 0;
      for (; !step.done; step = await p.next()) {
        n += step.value.copy.length;
        const { groups, copy } = step.value;
        if (grouped && groups) for (let g = 0; g < groups.length; g += 3) buckets.add(groups[g], copy.subarray(groups[g + 1], groups[g + 2]));
      }
      const elu = performance.eventLoopUtilization(elu0);
      return { ...step.value, copyBytes: n, startupMs: Math.round(startup), mainBusy: Math.round(elu.active) };
    } finally {
      buckets.dispose();
      await runner.close();
    }
  });
}
