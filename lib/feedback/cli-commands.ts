import { parseArgs } from "node:util";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { createApiKey, createApiKeySchema, revokeApiKey, revokeApiKeySchema } from "./api-keys";
import { importContactsFile } from "./import-contacts";
import { feedbackReport } from "./report";
import { feedbackQueryFrom } from "./report-query";
import { sendFeedbackRequests } from "./send-requests";

// Command-line operations of real-time feedback (issue 14); JSON out, as the other commands.
export const feedbackCommands: Record<string, (args: string[]) => Promise<unknown>> = {
  // The key is printed once, here; only its hash is kept.
  "api-keys create": async (args) => {
    const { values } = parseArgs({ args, options: { name: { type: "string" }, scope: { type: "string", multiple: true } }, strict: true });
    const input = createApiKeySchema.parse({ name: values.name ?? "", scopes: (values.scope ?? ["CONTACTS_WRITE"]).map((s) => s.toUpperCase()) });
    const { id, key, prefix } = await createApiKey({ actorId: null, input, now: currentTime() });
    return { id, name: input.name, scopes: input.scopes, prefix, key };
  },
  "api-keys revoke": async (args) => {
    const { values } = parseArgs({ args, options: { id: { type: "string" } }, strict: true });
    const { keyId } = revokeApiKeySchema.parse({ keyId: values.id ?? "" });
    await revokeApiKey({ actorId: null, keyId, now: currentTime() });
    return { id: keyId, revoked: true };
  },
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
