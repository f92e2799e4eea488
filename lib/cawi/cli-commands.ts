import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { currentTime } from "@/lib/clock";
import { runFollowUp } from "./follow-up";
import { letterBatch } from "./letters";
import { listOutbox } from "./outbox";
import { letterBatchSchema, outboxListSchema, sendInvitationsSchema } from "./schemas";
import { sendInvitations } from "./send-invitations";

// Command-line operations of the online survey (issue 13); JSON out, as the other commands.
export const cawiCommands: Record<string, (args: string[]) => Promise<unknown>> = {
  "invitations send": async (args) => {
    const { values } = parseArgs({ args, options: { sample: { type: "string" }, channel: { type: "string" } }, strict: true });
    const input = sendInvitationsSchema.parse({ sampleId: values.sample ?? "", channel: values.channel });
    return sendInvitations({ ...input, now: currentTime() });
  },
  // What the follow-up job does, now: reminders, link expiry, the mixed-mode switch, Notify deliveries.
  "reminders run": async (args) => {
    const { values } = parseArgs({ args, options: { sample: { type: "string" } }, strict: true });
    const input = outboxListSchema.parse({ sampleId: values.sample });
    return runFollowUp({ now: currentTime(), sampleId: input.sampleId });
  },
  "letters batch": async (args) => {
    const { values } = parseArgs({ args, options: { sample: { type: "string" }, out: { type: "string" } }, strict: true });
    const input = letterBatchSchema.parse({ sampleId: values.sample, out: values.out ?? "" });
    const batch = await letterBatch({ sampleId: input.sampleId, actorId: null, via: "cli" });
    await writeFile(input.out, batch.csv);
    return { letters: batch.letters, file: input.out };
  },
  "outbox list": async (args) => {
    const { values } = parseArgs({ args, options: { sample: { type: "string" } }, strict: true });
    const input = outboxListSchema.parse({ sampleId: values.sample });
    const messages = await listOutbox({ sampleId: input.sampleId, take: 100_000 });
    return {
      messages: messages.map((m) => ({
        caseId: m.caseId,
        channel: m.channel.toLowerCase(),
        kind: m.kind.toLowerCase(),
        status: m.status.toLowerCase(),
        to: m.to,
        link: m.link,
        accessCode: m.accessCode,
      })),
    };
  },
};
