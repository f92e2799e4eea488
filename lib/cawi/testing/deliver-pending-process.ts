// A job runner of its own (issue 17's "killed mid-batch" test, lib/cawi/notify.db.test.ts):
// hands every PENDING message to GOV.UK Notify, as the follow-up job does, in a
// process the test can kill with SIGKILL. Takes DATABASE_URL and the NOTIFY_*
// settings from its environment, and the time as its one argument.
import { deliverPending, pendingMessageIds } from "../sender";

const now = new Date(process.argv[2] ?? "");
if (Number.isNaN(now.getTime())) throw new Error("usage: deliver-pending-process.ts <ISO time>");
process.stdout.write(`delivered ${await deliverPending(await pendingMessageIds(), { now })}\n`);
process.exit(0);
