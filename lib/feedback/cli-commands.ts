import { parseArgs } from "node:util";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { importContactsFile } from "./import-contacts";
import { feedbackReport } from "./report";
import { feedbackQueryFrom } from "./report-query";
import { sendFeedbackRequests } from "./send-requests";

// Command-line operations of real-time feedback (issue 14); JSON out, as the other commands.
export const feedbackCommands: Record<string, (args: string[]) => Promise<unknown>> = {
  "contacts import": async (args) => {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
    const file = z.string({ error: "Give the CSV file: contacts import FILE" }).min(1, "Give the CSV file: contacts import FILE").parse(positionals[0]);
    return importContactsFile({ file, actorId: null, now: currentTime() });
  },
  // What the request job does every minute, now.
  "feedback send": async (args) => {
    parseArgs({ args, options: {}, strict: true });
    return sendFeedbackRequests({ now: currentTime() });
  },
  "feedback report": async (args) => {
    const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } }, strict: true });
    const now = currentTime();
    const parsed = feedbackQueryFrom({ from: values.from, to: values.to }, now);
    if (!parsed.ok) throw new AppError("USAGE", Object.values(parsed.errors).join("; "));
    return feedbackReport({ query: parsed.query, now });
  },
};
