// The results commands of `npm run cli` (interchange.md §4); scripts/cli.ts
// spreads them into its command table.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { readTargetsFile } from "../results/targets-file";

// Each command loads what it uses when it runs (`results` does not load the
// import, Prisma or exceljs: a command line process pays for its own command only).

type Command = (args: string[]) => Promise<unknown>;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function readTargets(file: string) {
  const { rows, errors } = await readTargetsFile(await readFile(file, "utf8"));
  if (errors.length) {
    const e = new AppError(
      "INVALID_TARGETS",
      `The targets file has ${errors.length} problem(s): ${errors
        .slice(0, 5)
        .map((x) => `line ${x.line}${x.column ? ` ${x.column}` : ""}: ${x.message}`)
        .join("; ")}`,
      "targets",
    );
    throw Object.assign(e, { errors });
  }
  return rows;
}

export const resultsCommands: Record<string, Command> = {
  "responses import": async (args) => {
    const { values, positionals } = parseArgs({ args, options: { strict: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new AppError("USAGE", "Usage: responses import FILE [--strict]");
    const { importResponses } = await import("../results/db/import-responses");
    const size = (await stat(file)).size;
    progress(`Importing ${file} (${size} bytes)${values.strict ? ", strict" : ""}`);
    const r = await importResponses({
      input: createReadStream(file),
      fileName: basename(file),
      strict: values.strict,
      onProgress: (rows) => progress(`  ${rows} rows read`),
    });
    const summary = {
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejected,
      errors: r.errors,
      importId: r.importId,
      status: r.status,
    };
    if (r.status === "REJECTED") {
      // Nothing committed (--strict with row errors, or a file-level problem): a failure, exit code 1, with every error.
      const message = `Nothing was imported: ${r.errors.length} problem(s)${values.strict ? " and --strict" : ""}`;
      progress(message);
      throw Object.assign(new AppError("RESPONSES_REJECTED", message), summary);
    }
    progress(`${r.status}: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`);
    // The import has committed; a large one then stores its surveys' columns for results (the process waits for that before it exits).
    const storing = await Promise.race([r.columnsStored.then(() => false), new Promise<boolean>((resolve) => setImmediate(() => resolve(true)))]);
    if (storing) {
      progress("Storing the respondent columns for results (the respondents are already imported)...");
      await r.columnsStored;
      progress("Stored.");
    }
    return summary;
  },
  results: async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        survey: { type: "string" },
        measure: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        by: { type: "string" },
        weights: { type: "string" },
        targets: { type: "string" },
        statistic: { type: "string" },
        "minimum-base": { type: "string" },
      },
      strict: true,
    });
    const [{ runResults }, { resultsJson }] = await Promise.all([import("../results/db/run-results"), import("../results/report")]);
    const targetRows = values.targets ? await readTargets(values.targets) : undefined;
    const report = await runResults({
      request: {
        survey: values.survey?.toUpperCase() ?? "",
        measure: values.measure ?? "",
        from: values.from,
        to: values.to,
        by: values.by,
        weights: values.weights,
        statistic: values.statistic,
        minimumBase: values["minimum-base"],
      },
      targetRows,
    });
    // Columns read from the respondents are stored for the next process before this one ends (and closes an embedded database).
    await (await import("../results/db/respondent-store")).flushRespondentStore();
    return resultsJson(report);
  },
  export: async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        survey: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        format: { type: "string", default: "csv" },
        out: { type: "string" },
        tables: { type: "boolean", default: false },
        weights: { type: "string" },
        targets: { type: "string" },
      },
      strict: true,
    });
    if (!values.out)
      throw new AppError(
        "USAGE",
        "Usage: export --survey S [--from YYYY-MM] [--to YYYY-MM] --format csv|xlsx --out FILE [--tables] [--weights METHOD --targets FILE]",
        "out",
      );
    if (values.format !== "csv" && values.format !== "xlsx") throw new AppError("USAGE", "--format is csv or xlsx", "format");
    const request = { survey: values.survey?.toUpperCase() ?? "", from: values.from, to: values.to };
    const { writeFile } = await import("node:fs/promises");
    const { exportRespondents, exportTables } = await import("../results/db/exports");
    if (values.tables) {
      const targetRows = values.targets ? await readTargets(values.targets) : undefined;
      const out = await exportTables({ request: { ...request, weights: values.weights }, format: values.format, targetRows });
      await writeFile(values.out, out.body);
      return { file: values.out, format: values.format, tables: out.tables, rows: out.rows };
    }
    const out = await exportRespondents({
      request: { ...request, weights: values.weights },
      format: values.format,
      targetRows: values.targets ? await readTargets(values.targets) : undefined,
    });
    await writeFile(values.out, out.body);
    return { file: values.out, format: values.format, respondents: out.respondents, columns: out.columns };
  },
};
