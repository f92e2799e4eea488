import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { exportFieldwork, fieldworkExportSchema } from "./db/call-history";
import { getSampleReport, reportJson } from "./db/report";

// The control room's command-line twin (issue 15); JSON out, as the other commands.
const reportArgsSchema = z.object({
  sampleId: z.uuid({ error: "Give --sample ID (the sample's UUID)" }),
  e: z.coerce
    .number({ error: "--e must be a number between 0 and 1" })
    .min(0, { error: "--e must be between 0 and 1" })
    .max(1, { error: "--e must be between 0 and 1" })
    .optional(),
});

export const fieldworkCommands: Record<string, (args: string[]) => Promise<unknown>> = {
  "fieldwork report": async (args) => {
    const { values } = parseArgs({ args, options: { sample: { type: "string" }, e: { type: "string" } }, strict: true });
    const input = reportArgsSchema.parse({ sampleId: values.sample ?? "", e: values.e });
    const report = await getSampleReport({ sampleId: input.sampleId, e: input.e, now: currentTime() });
    if (!report) throw new AppError("SAMPLE_NOT_FOUND", `There is no sample with the id ${input.sampleId}.`, "sample");
    return reportJson(report);
  },
  "fieldwork export": async (args) => {
    const { values } = parseArgs({
      args,
      options: { sample: { type: "string" }, format: { type: "string" }, out: { type: "string" }, what: { type: "string" } },
      strict: true,
    });
    const input = fieldworkExportSchema.parse({ sampleId: values.sample ?? "", format: values.format, what: values.what });
    if (!values.out) throw new AppError("OUT_REQUIRED", "Give --out FILE: where to write the export.", "out");
    const file = await exportFieldwork(input);
    await writeFile(values.out, file.body);
    return {
      sampleId: input.sampleId,
      format: input.format,
      what: input.format === "xlsx" ? ["calls", "dispositions"] : [input.what],
      out: values.out,
      bytes: file.body.length,
    };
  },
};
