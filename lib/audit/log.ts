import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { redactForLog } from "@/lib/log-redact";
import { csvLine } from "@/lib/sampling/csv-safe";
import { sampleLabel } from "@/lib/sampling/surveys";
import { describeAuditAction, SUBJECT_TYPES, type Details, type SubjectType } from "./describe";

// The audit log an auditor needs (issue 18): who did what, to whom, when,
// filtered by each, a page at a time, and as a CSV file. Call outcomes and
// completions are read from the call history (CallAttempt, itself append-only)
// rather than written twice, so the log shows them beside the audit events.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD, for example 2026-12-03");

/** The filters of the audit log page and its CSV export (a GET form: every field optional). */
export const auditLogQuerySchema = z.object({
  actor: z.uuid({ error: "Choose a person from the list" }).optional(),
  action: z
    .string()
    .regex(/^[a-z_.-]{1,60}$/, "Choose an action from the list")
    .optional(),
  subjectType: z.enum(Object.keys(SUBJECT_TYPES) as [SubjectType, ...SubjectType[]], { error: "Choose what the event was about from the list" }).optional(),
  subjectId: z.string().trim().max(200, "The reference must be 200 characters or fewer").optional(),
  sample: z.uuid({ error: "Choose a sample from the list" }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** "older than": the `at` and key of the last entry of the page before */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z~[AC]\d+$/, "That page link is not valid")
    .optional(),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** The query from a URL's search parameters: empty fields are unset. */
export function auditLogQueryFrom(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v.trim()]] : [])));
  return auditLogQuerySchema.safeParse(flat);
}

export interface AuditLogEntry {
  key: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: string;
  description: string;
  subject: { type: string; typeLabel: string; id: string; label: string; sampleId: string | null } | null;
  /** what the event recorded, personal values removed */
  details: Details;
}

interface Row {
  key: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: Prisma.JsonValue;
  subjectLabel: string | null;
  sampleId: string | null;
  sample: Parameters<typeof sampleLabel>[0] | null;
}

const londonMidnight = (date: string) => Prisma.sql`((${date}::date)::timestamp AT TIME ZONE 'Europe/London' AT TIME ZONE 'UTC')`;

function filters(q: AuditLogQuery, branch: "event" | "call") {
  const at = branch === "event" ? Prisma.sql`e."at"` : Prisma.sql`COALESCE(c."endedAt", c."startedAt")`;
  const key = branch === "event" ? Prisma.sql`('A' || e."id")` : Prisma.sql`('C' || c."id")`;
  const parts: Prisma.Sql[] = [];
  if (q.from) parts.push(Prisma.sql`${at} >= ${londonMidnight(q.from)}`);
  if (q.to) parts.push(Prisma.sql`${at} < ${londonMidnight(q.to)} + interval '1 day'`);
  if (q.before) {
    const [beforeAt, beforeKey] = q.before.split("~");
    parts.push(Prisma.sql`(${at}, ${key}) < (${beforeAt}::timestamp, ${beforeKey})`);
  }
  if (branch === "event") {
    if (q.actor) parts.push(Prisma.sql`e."actorId" = ${q.actor}::uuid`);
    if (q.action) parts.push(Prisma.sql`e."action" = ${q.action}`);
    if (q.subjectType) parts.push(Prisma.sql`e."entityType" = ${q.subjectType}`);
    if (q.subjectId)
      parts.push(
        Prisma.sql`(e."entityId" = ${q.subjectId} OR (e."entityType" = 'SampleCase' AND e."entityId" IN (SELECT sc."id"::text FROM "SampleCase" sc JOIN "FrameClient" fc ON fc."id" = sc."clientId" WHERE fc."clientRef" = ${q.subjectId})))`,
      );
    if (q.sample)
      parts.push(
        Prisma.sql`((e."entityType" = 'Sample' AND e."entityId" = ${q.sample}) OR (e."entityType" = 'SampleCase' AND e."entityId" IN (SELECT sc."id"::text FROM "SampleCase" sc WHERE sc."sampleId" = ${q.sample}::uuid)))`,
      );
  } else {
    parts.push(Prisma.sql`c."outcome" IS NOT NULL`);
    if (q.actor) parts.push(Prisma.sql`c."interviewerId" = ${q.actor}::uuid`);
    if (q.subjectId) parts.push(Prisma.sql`(c."sampleCaseId"::text = ${q.subjectId} OR fc."clientRef" = ${q.subjectId})`);
    if (q.sample) parts.push(Prisma.sql`sc."sampleId" = ${q.sample}::uuid`);
  }
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/** Whether the call history can hold entries this query asks for. */
const callsMatch = (q: AuditLogQuery) => (!q.action || q.action === "call.outcome") && (!q.subjectType || q.subjectType === "SampleCase");

async function readRows(q: AuditLogQuery, limit: number): Promise<Row[]> {
  const events = Prisma.sql`
    (SELECT 'A' || e."id" AS "key", e."at", e."actorId"::text AS "actorId", u."name" AS "actorName", e."action", e."entityType", e."entityId", e."details",
       COALESCE(su."name", sfc."clientRef") AS "subjectLabel",
       COALESCE(s."id", ssc."sampleId")::text AS "sampleId",
       CASE WHEN s."id" IS NOT NULL THEN jsonb_build_object('survey', s."survey", 'month', s."month", 'sequence', s."sequence", 'period', s."period") END AS "sample"
     FROM "AuditEvent" e
     LEFT JOIN "User" u ON u."id" = e."actorId"
     LEFT JOIN "User" su ON e."entityType" = 'User' AND su."id"::text = e."entityId"
     LEFT JOIN "SampleCase" ssc ON e."entityType" = 'SampleCase' AND ssc."id"::text = e."entityId"
     LEFT JOIN "FrameClient" sfc ON sfc."id" = ssc."clientId"
     LEFT JOIN "Sample" s ON e."entityType" = 'Sample' AND s."id"::text = e."entityId"
     ${filters(q, "event")}
     ORDER BY e."at" DESC, "key" DESC LIMIT ${limit})`;
  const calls = Prisma.sql`
    (SELECT 'C' || c."id", COALESCE(c."endedAt", c."startedAt"), c."interviewerId"::text, u."name", 'call.outcome', 'SampleCase', c."sampleCaseId"::text,
       jsonb_build_object('outcome', c."outcome", 'disposition', c."disposition", 'mode', c."mode"::text),
       fc."clientRef", sc."sampleId"::text, NULL::jsonb
     FROM "CallAttempt" c
     JOIN "SampleCase" sc ON sc."id" = c."sampleCaseId"
     JOIN "FrameClient" fc ON fc."id" = sc."clientId"
     LEFT JOIN "User" u ON u."id" = c."interviewerId"
     ${filters(q, "call")}
     ORDER BY COALESCE(c."endedAt", c."startedAt") DESC, 'C' || c."id" DESC LIMIT ${limit})`;
  const union = callsMatch(q) ? Prisma.sql`${events} UNION ALL ${calls}` : events;
  return db().$queryRaw<Row[]>`SELECT * FROM (${union}) AS entries ORDER BY "at" DESC, "key" DESC LIMIT ${limit}`;
}

function toEntry(r: Row): AuditLogEntry {
  const details = (redactForLog(r.details ?? {}) ?? {}) as Details;
  const type = r.entityType ?? "";
  return {
    key: r.key,
    at: r.at,
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "Unknown user" } : null,
    action: r.action,
    description: describeAuditAction(r.action, details),
    subject:
      r.entityType && r.entityId
        ? {
            type,
            typeLabel: SUBJECT_TYPES[type as SubjectType] ?? type,
            id: r.entityId,
            label: r.sample ? sampleLabel(r.sample) : (r.subjectLabel ?? r.entityId),
            sampleId: r.sampleId,
          }
        : null,
    details,
  };
}

/** One page of the log, newest first, and the `before` value of the next (older) page if there is one. */
export async function searchAuditLog({
  query,
  pageSize = 50,
}: {
  query: AuditLogQuery;
  pageSize?: number;
}): Promise<{ entries: AuditLogEntry[]; older: string | null }> {
  const rows = await readRows(query, pageSize + 1);
  const page = rows.slice(0, pageSize).map(toEntry);
  const last = page.at(-1);
  return { entries: page, older: rows.length > pageSize && last ? `${last.at.toISOString()}~${last.key}` : null };
}

/** What the filters offer: people and actions that occur in the log, samples. */
export async function auditLogChoices() {
  const [people, actions, samples] = await Promise.all([
    db().user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db().sample.findMany({ select: { id: true, survey: true, month: true, sequence: true, period: true }, orderBy: { drawnAt: "desc" }, take: 200 }),
  ]);
  const codes = [...new Set([...actions.map((a) => a.action), "call.outcome"])].sort();
  return {
    people,
    actions: codes.map((code) => ({ code, label: describeAuditAction(code, {}) })),
    samples: samples.map((sm) => ({ id: sm.id, label: sampleLabel(sm) })),
  };
}

/** The whole filtered log as CSV, in pages of 5,000 (values escaped against spreadsheet formulas). */
export async function* auditLogCsv({ query }: { query: AuditLogQuery }): AsyncGenerator<string> {
  yield "\uFEFF" + csvLine(["when_utc", "who", "who_id", "action", "description", "about_type", "about_id", "about", "details"]) + "\r\n";
  let before = query.before;
  for (;;) {
    const { entries, older } = await searchAuditLog({ query: { ...query, before }, pageSize: 5000 });
    yield entries
      .map(
        (e) =>
          csvLine([
            e.at.toISOString(),
            e.actor?.name ?? "",
            e.actor?.id ?? "",
            e.action,
            e.description,
            e.subject?.typeLabel ?? "",
            e.subject?.id ?? "",
            e.subject?.label ?? "",
            JSON.stringify(e.details),
          ]) + "\r\n",
      )
      .join("");
    if (!older) return;
    before = older;
  }
}
