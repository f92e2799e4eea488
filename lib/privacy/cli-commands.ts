import { parseArgs } from "node:util";
import { currentTime } from "@/lib/clock";
import { processEnv } from "@/lib/env";
import { eraseClient } from "./erase-client";
import { eraseExpiredContactDetails, pruneAuditLog } from "./retention";
import { eraseClientSchema, eraseExpiredSchema, pruneAuditSchema, rotateKeySchema } from "./schemas";

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
  // Key rotation (issue 17): a new master key wraps the data keys (README "Security").
  "personal-data rotate-key": async (args) => {
    const { values } = parseArgs({ args, options: { "new-key-file": { type: "string" } }, strict: true });
    const input = rotateKeySchema.parse({ newKeyFile: values["new-key-file"] });
    const { rotateKeyCommand } = await import("./crypto/rotate-command");
    return rotateKeyCommand({ newKeyFile: input.newKeyFile, actorId: null });
  },
  // ...and a new data key, every sealed value sealed again with it, the old data keys deleted.
  "personal-data rotate-data-key": async (args) => {
    parseArgs({ args, options: {}, strict: true });
    const { rotateDataKey } = await import("./crypto/rotate");
    return rotateDataKey({ actorId: null });
  },
  // The audit log's retention (AUDIT_RETENTION_MONTHS unless --months).
  "audit prune": async (args) => {
    const { values } = parseArgs({ args, options: { months: { type: "string" }, "dry-run": { type: "boolean" } }, strict: true });
    const input = pruneAuditSchema.parse({ months: values.months, dryRun: values["dry-run"] ?? false });
    return pruneAuditLog({ now: currentTime(), months: input.months ?? processEnv().AUDIT_RETENTION_MONTHS, dryRun: input.dryRun, actorId: null });
  },
};
