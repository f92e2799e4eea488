import "server-only";
import PgBoss from "pg-boss";
import { runFollowUp } from "@/lib/cawi/follow-up";
import { currentTime } from "@/lib/clock";
import { sendFeedbackRequests } from "@/lib/feedback/send-requests";
import { processEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { eraseExpiredContactDetails, pruneAuditLog } from "@/lib/privacy/retention";

// Background jobs on PostgreSQL (pg-boss, in its own schema "pgboss"): they
// survive a restart (the queue and the schedule are rows) and run once when
// several instances run: the follow-up queue has the "singleton" policy (at
// most one job active at a time, whichever instance takes it) and pg-boss's
// cron monitor creates one job per slot however many instances schedule it.
// The work itself is idempotent (lib/cawi/follow-up.ts), so a runner killed
// mid-batch and the retry that follows do each step once.

export const FOLLOW_UP_QUEUE = "cawi-follow-up";
// every 10 minutes: reminders are due by the day, expiry and the switch by the hour
export const FOLLOW_UP_CRON = "*/10 * * * *";

// issue 14: real-time feedback requests, a few minutes after each contact
export const FEEDBACK_REQUESTS_QUEUE = "feedback-requests";
export const FEEDBACK_REQUESTS_CRON = "* * * * *";

// issue 17: contact details past retention erased, old audit events pruned; nightly
export const RETENTION_QUEUE = "privacy-retention";
export const RETENTION_CRON = "30 2 * * *";

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobRunner({
  connectionString,
  clock = currentTime,
  schedule = true,
}: {
  connectionString: string;
  clock?: () => Date;
  schedule?: boolean;
}): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", application_name: "fieldwork-jobs", max: 4 });
  boss.on("error", (error) => log.error({ err: error }, "job runner error"));
  await boss.start();
  await ensureQueue(boss, { name: FOLLOW_UP_QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 60, expireInMinutes: 15 });
  await boss.work(FOLLOW_UP_QUEUE, { batchSize: 1 }, async () => {
    const result = await runFollowUp({ now: clock() });
    log.info({ job: FOLLOW_UP_QUEUE, ...result }, "online follow-up done");
    return result;
  });
  await ensureQueue(boss, { name: FEEDBACK_REQUESTS_QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 30, expireInMinutes: 10 });
  await boss.work(FEEDBACK_REQUESTS_QUEUE, { batchSize: 1 }, async () => {
    const result = await sendFeedbackRequests({ now: clock() });
    log.info({ job: FEEDBACK_REQUESTS_QUEUE, asked: result.asked, delivered: result.delivered }, "feedback requests done");
    return result;
  });
  await ensureQueue(boss, { name: RETENTION_QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 600, expireInMinutes: 60 });
  await boss.work(RETENTION_QUEUE, { batchSize: 1 }, async () => {
    const now = clock();
    const settings = processEnv();
    const contacts = await eraseExpiredContactDetails({ now, months: settings.CONTACT_RETENTION_MONTHS, dryRun: false, actorId: null });
    const audit = await pruneAuditLog({ now, months: settings.AUDIT_RETENTION_MONTHS, dryRun: false, actorId: null });
    log.info({ job: RETENTION_QUEUE, contacts, audit }, "retention done");
    return { contacts, audit };
  });
  if (schedule) {
    await boss.schedule(FOLLOW_UP_QUEUE, FOLLOW_UP_CRON, {}, { tz: "Europe/London" });
    await boss.schedule(FEEDBACK_REQUESTS_QUEUE, FEEDBACK_REQUESTS_CRON, {}, { tz: "Europe/London" });
    await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: "Europe/London" });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}

/** Instances starting together race to create the queue (a deadlock for one of them): whoever loses finds it made. */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
