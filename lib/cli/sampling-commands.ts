// The sampling commands of `npm run cli` (interchange.md §4); scripts/cli.ts
// spreads them into its command table. JSON on stdout (returned), progress on stderr.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { drawSampleSchema } from "../sampling/schemas";
import { drawSample, type DrawResult } from "../sampling/db/draw-sample/draw-sample";
import { importFrame } from "../sampling/db/frame-import/import-frame";

type Command = (args: string[]) => Promise<unknown>;

const progress = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export const samplingCommands: Record<string, Command> = {
  "frame import": async (args) => {
    const { values, positionals } = parseArgs({ args, options: { strict: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new AppError("USAGE", "Usage: frame import FILE [--strict]");
    const size = (
      await stat(file).catch(() => {
        throw new AppError("FILE_NOT_FOUND", `Cannot read ${file}`, "file");
      })
    ).size;
    progress(`Importing ${file} (${mb(size)})${values.strict ? ", strict" : ""}`);
    let shown = -1;
    const r = await importFrame({
      input: createReadStream(file, { highWaterMark: 1 << 20 }),
      fileName: basename(file),
      strict: values.strict,
      actorId: null,
      onProgress: ({ bytes, rows }) => {
        const tenth = size > 0 ? Math.floor((bytes / size) * 10) : 10;
        if (tenth > shown) {
          shown = tenth;
          progress(`  ${tenth * 10}% read${rows > 0 ? `, ${rows.toLocaleString("en-GB")} rows checked` : ""}`);
        }
      },
    });
    const summary = {
      importId: r.importId,
      status: r.status,
      rows: r.rows,
      inserted: r.inserted,
      updated: r.updated,
      historyOnly: r.historyOnly,
      rejected: r.rejected,
      errors: r.errors,
      ...(r.errorCount > r.errors.length ? { errorsOmitted: r.errorCount - r.errors.length } : {}),
    };
    if (r.status === "REJECTED") {
      progress(r.message ?? "Nothing was imported");
      // Nothing committed: a failure (exit code 1), with every error.
      throw Object.assign(new AppError("FRAME_REJECTED", r.message ?? "Nothing was imported"), summary);
    }
    progress(
      `Imported in ${r.seconds.toFixed(1)} s: ${r.inserted} inserted, ${r.updated} updated, ${r.historyOnly} older contacts kept as history, ${r.rejected} rejected`,
    );
    return summary;
  },

  "sample draw": async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        survey: { type: "string" },
        month: { type: "string" },
        quarter: { type: "string" },
        size: { type: "string" },
        allocation: { type: "string", default: "proportional" },
        "min-per-stratum": { type: "string" },
        seed: { type: "string" },
        // default: the survey's (surveys.ts: CES MIXED, the monthly surveys PHONE)
        mode: { type: "string" },
        "minimum-interviews": { type: "string" },
        "top-up": { type: "boolean", default: false },
        preview: { type: "boolean", default: false },
      },
      strict: true,
    });
    let allocation = values.allocation ?? "proportional";
    let fixedSizes: string | undefined;
    if (allocation.startsWith("fixed:")) {
      const file = allocation.slice("fixed:".length);
      fixedSizes = await readFile(file, "utf8").catch(() => {
        throw new AppError("FILE_NOT_FOUND", `Cannot read the fixed sizes file ${file}`, "allocation");
      });
      allocation = "fixed";
    } else if (allocation === "fixed") {
      throw new AppError("USAGE", 'Give the sizes file: --allocation fixed:FILE (one "stratum,size" per line)', "allocation");
    } else if (values["min-per-stratum"] !== undefined) {
      if (allocation !== "proportional") throw new AppError("USAGE", "--min-per-stratum goes with proportional allocation", "allocation");
      allocation = "minimum";
    }
    const input = drawSampleSchema.parse({
      survey: values.survey?.toUpperCase(),
      month: values.month,
      quarter: values.quarter,
      mode: values.mode?.toUpperCase(),
      minimumInterviews: values["minimum-interviews"],
      allocation,
      size: values.size,
      minimumPerStratum: values["min-per-stratum"],
      fixedSizes,
      seed: values.seed,
      topUp: values["top-up"],
    });
    progress(`${values.preview ? "Previewing" : "Drawing"} ${input.survey} ${input.periodCode} (${input.mode}, ${allocation})`);
    const r = await drawSample({ input, actorId: null, preview: values.preview });
    for (const w of r.warnings) progress(`warning: ${w.message}`);
    progress(`${r.drawn} drawn from ${r.eligible} eligible of ${r.population} in ${r.seconds.toFixed(2)} s (seed ${r.seed})`);
    return sampleJson(r);
  },
};

/** interchange.md §4: {sampleId, population, eligible, drawn, waterfall, strata}, plus what makes the draw repeatable. */
export function sampleJson(r: DrawResult) {
  return {
    sampleId: r.sampleId,
    survey: r.survey,
    ...(r.period === "QUARTER" ? { quarter: r.periodCode } : {}),
    month: r.month,
    sequence: r.sequence,
    mode: r.mode,
    seed: r.seed,
    population: r.population,
    eligible: r.eligible,
    requested: r.requested,
    drawn: r.drawn,
    waterfall: r.waterfall.map(({ rule, excluded, remaining }) => ({ rule, excluded, remaining })),
    strata: r.strata.map(({ stratum, population, eligible, allocated, drawn, designWeight }) => ({
      stratum,
      population,
      eligible,
      allocated,
      drawn,
      designWeight,
    })),
    warnings: r.warnings.map((w) => w.message),
    ...(r.quotaTargets ? { quotaTargets: r.quotaTargets } : {}),
  };
}
