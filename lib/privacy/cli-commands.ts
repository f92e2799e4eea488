import { parseArgs } from "node:util";
import { currentTime } from "@/lib/clock";
import { processEnv } from "@/lib/env";
import { eraseClient } from "./erase-client";
import { eraseExpiredContactDetails, pruneAuditLog } from "./retention";
import { eraseClientSchema, eraseExpiredSchema, pruneAuditSchema } from "./schemas";

// Command-line operations on personal data (issue 17); JSON out, as the other commands.
export const privacyCommands: Record<string, (args: string[]) => Promise<unknown>> = {
  // What the nightly retention job does, now (CONTACT_RETENTION_MONTHS unless --months).
  "personal-data erase-expired": async (args) => {
    const { values } = parseArgs({ args, options: { months: { type: "string" }, "dry-run": { type: "boolean" } }, strict: true });
    const input = eraseExpiredSchema.parse({ months: values.months, dryRun: values["dry-run"] ?? false });
    return eraseExpiredContactDetails({
      now: currentTime(),
      months: input.months ?? processEnv().CONTACT_RETENTION_MONTHS,
      dryRun: input.dryRun,
      actorId: null,
    });
  },
  // A subject-erasure request: one client, everywhere.
  "personal-data erase-client": async (args) => {
    const { values } = parseArgs({
      args,
      options: { service: { type: "string" }, "client-ref": { type: "string" }, reason: { type: "string" } },
      strict: true,
    });
    const input = eraseClientSchema.parse({ service: values.service?.toUpperCase(), clientRef: values["client-ref"] ?? "", reason: values.reason ?? "" });
    return eraseClient({ input, actorId: null, now: currentTime() });
  },
  // The audit log's retention (AUDIT_RETENTION_MONTHS unless --months).
  "audit prune": async (args) => {
    const { values } = parseArgs({ args, options: { months: { type: "string" }, "dry-run": { type: "boolean" } }, strict: true });
    const input = pruneAuditSchema.parse({ months: values.months, dryRun: values["dry-run"] ?? false });
    return pruneAuditLog({ now: currentTime(), months: input.months ?? processEnv().AUDIT_RETENTION_MONTHS, dryRun: input.dryRun, actorId: null });
  },
};
