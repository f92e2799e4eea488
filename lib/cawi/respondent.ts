import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { isQuotaCellOpenForCase } from "@/lib/cati/db/quotas";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import {
  answerFromFields,
  answersSchema,
  fieldsFromAnswer,
  isEndOfScreening,
  nextScreen,
  onRouteScreens,
  previousScreen,
  type AnswerFields,
  type AnswerValue,
  type CaseAttributes,
  type Screen,
  wordingFor,
} from "@/lib/questionnaire";
import { loadResponseState } from "@/lib/responses/load-response-state";
import { shippedVersion } from "@/lib/responses/register-version";
import { saveAnswer } from "@/lib/responses/save-answer";
import { markBrokenOff } from "@/lib/responses/set-response-status";
import { startResponse } from "@/lib/responses/start-response";
import { parseCaseAttributes } from "@/lib/responses/stored-answers";
import { projectCompletedResponse } from "@/lib/results/db/project-completed-response";
import { onlineErrorMessage } from "./messages";
import { progressOf } from "./follow-up-rules";
import { onlineVersionForCase } from "./online-version";
import { LIMITS, takeRateLimit, takeRateLimits } from "@/lib/http/rate-limit";
import { hashAccessCode, hashSecret, LINK_TOKEN_PATTERN, normaliseAccessCode } from "./tokens";
import { recordWebOutcome } from "./web-outcome";

// The respondent's side of an invitation (issue 13): opening a personal link or
// a letter's access code, the questionnaire one screen at a time over the
// responses layer (each answer saved the moment it is posted), saving to come
// back later, withdrawing, and the web outcomes each of these writes.
// Nothing here returns personal data of the client.

export type Opened = { ok: true; invitationId: string } | { ok: false; reason: "UNAVAILABLE" | "RATE_LIMITED" };

interface InvitationRow {
  id: string;
  sampleCaseId: string;
  status: "ACTIVE" | "COMPLETED" | "WITHDRAWN" | "QUOTA_FULL" | "EXPIRED";
  expiresAt: Date;
  firstOpenedAt: Date | null;
}

/** ACTIVE and not expired: it can be answered. COMPLETED and QUOTA_FULL links still open (to say so); the rest do not. */
function opens(inv: InvitationRow | null, now: Date): inv is InvitationRow {
  if (!inv) return false;
  if (inv.status === "WITHDRAWN" || inv.status === "EXPIRED") return false;
  if (inv.status === "ACTIVE" && inv.expiresAt <= now) return false;
  return true;
}

async function open(where: { tokenHash: string } | { accessCodeHash: string }, now: Date): Promise<Opened> {
  const inv = await usableInvitation(where, now);
  if (!inv) return { ok: false, reason: "UNAVAILABLE" };
  if (!(await takeRateLimit({ limit: LIMITS.lookupPerInvitation, subject: inv.id, now }))) return { ok: false, reason: "RATE_LIMITED" };
  await db().$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: inv.id }, data: { lastOpenedAt: now, ...(inv.firstOpenedAt ? {} : { firstOpenedAt: now }) } });
    if (!inv.firstOpenedAt && inv.status === "ACTIVE") await recordWebOutcome(tx, { caseId: inv.sampleCaseId, outcome: "WEB_LOGGED_ON", now });
  });
  return { ok: true, invitationId: inv.id };
}

/** A personal link /s/<token>. Every look-up counts against the address's limit, found or not. */
export async function openInvitationByToken({ token, ip, now }: { token: string; ip: string; now: Date }): Promise<Opened> {
  if (!(await takeRateLimit({ limit: LIMITS.lookupPerIp, subject: ip, now }))) return { ok: false, reason: "RATE_LIMITED" };
  if (!LINK_TOKEN_PATTERN.test(token)) return { ok: false, reason: "UNAVAILABLE" };
  return open({ tokenHash: hashSecret(token) }, now);
}

/** A letter's access code typed at /start. */
export async function openInvitationByAccessCode({ accessCode, ip, now }: { accessCode: string; ip: string; now: Date }): Promise<Opened> {
  if (!(await takeRateLimit({ limit: LIMITS.lookupPerIp, subject: ip, now }))) return { ok: false, reason: "RATE_LIMITED" };
  if (!normaliseAccessCode(accessCode)) return { ok: false, reason: "UNAVAILABLE" };
  return open({ accessCodeHash: hashAccessCode(accessCode) }, now);
}

export type RespondentView =
  | { kind: "unavailable" }
  | { kind: "completed" }
  | { kind: "quota-full" }
  | { kind: "start" }
  | {
      kind: "screen";
      screen: Screen;
      caseAttributes: CaseAttributes;
      fields: AnswerFields;
      revision: number;
      /** 1-based position on the route as it stands, and the route's length */
      number: number;
      total: number;
      previous: string | null;
      error?: string;
    };

interface InvitationSnapshot extends InvitationRow {
  final: boolean;
  survey: string;
  month: string;
  responseId: string | null;
  responseStatus: "IN_PROGRESS" | "COMPLETE" | "BROKEN_OFF" | null;
  versionId: string | null;
  revision: number | null;
  caseAttributes: unknown;
  /** every stored answer of the response, keyed by screen id (only when asked for) */
  answers: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The invitation with its case, sample and response, and with `withAnswers` the
 * response's stored answers, in one statement: the respondent's pages are the
 * hot path (bench/online-answers), and one snapshot is all a page or a post reads
 * before it saves (saveAnswer reads again, and writes only if nothing changed meanwhile).
 */
async function usableInvitation(
  key: string | { tokenHash: string } | { accessCodeHash: string },
  now: Date,
  { withAnswers = false }: { withAnswers?: boolean } = {},
) {
  if (typeof key === "string" && !UUID.test(key)) return null;
  // A link token is the invitation's own or its latest reminder's (follow-up.ts).
  const where =
    typeof key === "string"
      ? Prisma.sql`i."id" = ${key}::uuid`
      : "tokenHash" in key
        ? Prisma.sql`(i."tokenHash" = ${key.tokenHash} OR i."reminderTokenHash" = ${key.tokenHash})`
        : Prisma.sql`i."accessCodeHash" = ${key.accessCodeHash}`;
  const rows = await db().$queryRaw<InvitationSnapshot[]>`
    SELECT i."id"::text AS "id", i."sampleCaseId"::text AS "sampleCaseId", i."status"::text AS "status", i."expiresAt", i."firstOpenedAt",
           sc."final", s."survey"::text AS "survey", s."month",
           r."id"::text AS "responseId", r."status"::text AS "responseStatus", r."versionId", r."revision", r."caseAttributes",
           CASE WHEN ${withAnswers} AND r."id" IS NOT NULL
             THEN (SELECT coalesce(jsonb_object_agg(a."questionId", a."value"), '{}'::jsonb) FROM "Answer" a WHERE a."responseId" = r."id")
           END AS "answers"
    FROM "Invitation" i
    JOIN "SampleCase" sc ON sc."id" = i."sampleCaseId"
    JOIN "Sample" s ON s."id" = sc."sampleId"
    LEFT JOIN "Response" r ON r."sampleCaseId" = sc."id"
    WHERE ${where}
    LIMIT 1`;
  const row = rows[0];
  if (!row || !opens(row, now)) return null;
  const inv = {
    id: row.id,
    sampleCaseId: row.sampleCaseId,
    status: row.status,
    expiresAt: row.expiresAt,
    firstOpenedAt: row.firstOpenedAt,
    sampleCase: {
      final: row.final,
      sample: { survey: row.survey, month: row.month },
      response:
        row.responseId === null
          ? null
          : {
              id: row.responseId,
              status: row.responseStatus!,
              versionId: row.versionId!,
              revision: row.revision!,
              caseAttributes: row.caseAttributes,
              answers: row.answers,
            },
    },
  };
  // The case finished another way meanwhile (by telephone, say): a completed
  // interview says so; any other final outcome closes the link.
  if (inv.status === "ACTIVE" && inv.sampleCase.final) {
    return inv.sampleCase.response?.status === "COMPLETE" ? { ...inv, status: "COMPLETED" as const } : null;
  }
  return inv;
}

/** What the respondent's page shows: the screen asked for (Back) when on the route, else where they stand. */
export async function getRespondentView({
  invitationId,
  screenId,
  errorCode,
  now,
}: {
  invitationId: string | null;
  screenId?: string;
  errorCode?: string;
  now: Date;
}): Promise<RespondentView> {
  const inv = invitationId ? await usableInvitation(invitationId, now, { withAnswers: true }) : null;
  if (!inv) return { kind: "unavailable" };
  if (inv.status === "COMPLETED") return { kind: "completed" };
  if (inv.status === "QUOTA_FULL") return { kind: "quota-full" };
  const response = inv.sampleCase.response;
  if (!response) return { kind: "start" };
  if (response.status === "COMPLETE") return { kind: "completed" };
  const version = onlineWording(response.versionId);
  const caseAttributes = parseCaseAttributes(response.caseAttributes);
  const answers: Record<string, AnswerValue> = answersSchema.parse(response.answers ?? {});
  const input = { version, caseAttributes, answers };
  const next = nextScreen(input);
  const route = onRouteScreens(input);
  const asked = screenId ? route.find((s) => s.id === screenId) : undefined;
  const screen = asked ?? (next.done ? null : next.screen);
  if (!screen) return { kind: "completed" };
  return {
    kind: "screen",
    screen,
    caseAttributes,
    fields: fieldsFromAnswer(screen, answers[screen.id]),
    revision: response.revision,
    number: route.findIndex((s) => s.id === screen.id) + 1,
    total: route.length,
    previous: previousScreen({ ...input, current: screen.id })?.id ?? null,
    error: errorCode && asked ? onlineErrorMessage(screen, errorCode) : undefined,
  };
}

/** "Start now": the case's response, started online (or the one it has: a break-off resumes). */
export async function startOnlineResponse({ invitationId, now }: { invitationId: string; now: Date }): Promise<boolean> {
  const inv = await usableInvitation(invitationId, now);
  if (!inv || inv.status !== "ACTIVE") return false;
  if (inv.sampleCase.response) return true;
  const version = onlineVersionForCase(inv.sampleCase.sample.survey, inv.sampleCase.sample.month);
  if (!version) return false;
  await startResponse({ versionId: version.id, mode: "ONLINE", sampleCaseId: inv.sampleCaseId, now });
  return true;
}

/**
 * The words a response is shown in online: its own version's, or, for a response
 * begun by telephone in a version asked by telephone only (CMS-2015: "Hello, my
 * name is..."), the online version asking the same questions (CMS-2015ONLINE).
 * The answers stay in the version the response began in.
 */
function onlineWording(versionId: string) {
  const version = shippedVersion(versionId);
  return wordingFor(version, "ONLINE") ?? version;
}

export type AnswerOutcome =
  | { kind: "next"; screenId: string }
  | { kind: "error"; screenId: string; code: string }
  | { kind: "saved" }
  | { kind: "completed" }
  | { kind: "quota-full" }
  | { kind: "rate-limited" }
  | { kind: "unavailable" };

function hasAnything(fields: AnswerFields): boolean {
  return fields.answer.length > 0 || (fields.text ?? "").trim() !== "";
}

/**
 * One posted page. "continue": the answer is checked and saved (committed on its
 * own), then the next screen; at the end of screening a full or closed quota cell
 * closes the case as 4.80; past the last question the case is complete (1.1),
 * the thank-you screen is marked seen and the interview goes to results.
 * "save": whatever was given is kept and the respondent leaves (1.2 or 2.12).
 */
export async function answerOnline(input: {
  invitationId: string;
  screenId: string;
  fields: AnswerFields;
  expectedRevision?: number;
  intent: "continue" | "save";
  ip: string;
  now: Date;
}): Promise<AnswerOutcome> {
  const { now } = input;
  const counted = await takeRateLimits({
    hits: [
      { limit: LIMITS.answerPerIp, subject: input.ip },
      { limit: LIMITS.answerPerInvitation, subject: input.invitationId },
    ],
    now,
  });
  if (!counted.allowed) return { kind: "rate-limited" };
  const inv = await usableInvitation(input.invitationId, now);
  if (!inv) return { kind: "unavailable" };
  if (inv.status === "COMPLETED") return { kind: "completed" };
  if (inv.status === "QUOTA_FULL") return { kind: "quota-full" };
  const response = inv.sampleCase.response;
  if (!response) return { kind: "unavailable" };
  if (response.status === "COMPLETE") return { kind: "completed" };
  const version = onlineWording(response.versionId);
  const screen = version.screens.find((s) => s.id === input.screenId);
  if (!screen) return { kind: "unavailable" };

  if (input.intent === "save") {
    const checked = hasAnything(input.fields) ? answerFromFields(screen, input.fields) : null;
    if (checked?.ok) await save(response.id, screen.id, checked.value, input.expectedRevision, now).catch(() => undefined);
    await saveForLater({ caseId: inv.sampleCaseId, responseId: response.id, now });
    return { kind: "saved" };
  }

  const checked = answerFromFields(screen, input.fields);
  if (!checked.ok) return { kind: "error", screenId: screen.id, code: checked.error.code };
  let saved;
  try {
    saved = await save(response.id, screen.id, checked.value, input.expectedRevision, now);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "RESPONSE_COMPLETE") return { kind: "completed" };
      if (error.code === "OFF_ROUTE" || error.code === "UNKNOWN_SCREEN") return { kind: "next", screenId: "" };
      return { kind: "error", screenId: screen.id, code: error.code };
    }
    throw error;
  }
  if (!saved.next.done) {
    if (
      isEndOfScreening({ version, screen, answersBefore: saved.answersBefore, next: saved.next }) &&
      !(await isQuotaCellOpenForCase({ caseId: inv.sampleCaseId }))
    ) {
      await db().$transaction(async (tx) => {
        await recordWebOutcome(tx, { caseId: inv.sampleCaseId, outcome: "WEB_QUOTA_FULL", now });
        await tx.invitation.update({ where: { id: inv.id }, data: { status: "QUOTA_FULL", closedAt: now } });
      });
      return { kind: "quota-full" };
    }
    const following = saved.next.screen;
    // The thank-you screen needs no press of a button online: reaching it completes the questionnaire.
    if (following.kind === "info" && following.role === "THANK_YOU") {
      saved = await save(response.id, following.id, { kind: "seen" }, undefined, now);
    }
  }
  if (saved.next.done) {
    await completeOnline({ invitationId: inv.id, caseId: inv.sampleCaseId, responseId: response.id, now });
    return { kind: "completed" };
  }
  return { kind: "next", screenId: saved.next.screen.id };
}

function save(responseId: string, screenId: string, value: Parameters<typeof saveAnswer>[0]["value"], expectedRevision: number | undefined, now: Date) {
  return saveAnswer({ responseId, screenId, value, mode: "ONLINE", expectedRevision, now });
}

async function completeOnline({ invitationId, caseId, responseId, now }: { invitationId: string; caseId: string; responseId: string; now: Date }) {
  await db().$transaction(async (tx) => {
    await recordWebOutcome(tx, { caseId, outcome: "WEB_COMPLETE", now });
    await tx.invitation.update({ where: { id: invitationId }, data: { status: "COMPLETED", closedAt: now } });
  });
  await projectCompletedResponse({ caseId, responseId, mode: "ONLINE", now });
}

async function saveForLater({ caseId, responseId, now }: { caseId: string; responseId: string; now: Date }) {
  await markBrokenOff({ responseId });
  const state = await loadResponseState(responseId);
  const { answeredSomething, partialThresholdReached } = progressOf(state);
  if (!answeredSomething) return; // still 3.112: logged on, answered nothing
  await db().$transaction((tx) => recordWebOutcome(tx, { caseId, outcome: "WEB_BREAK_OFF", partialThresholdReached, now }));
}

/** "I do not want to take part": an explicit refusal (2.111), final; the do-not-contact register if they ask. */
export async function withdrawOnline({ invitationId, doNotContact, now }: { invitationId: string; doNotContact: boolean; now: Date }): Promise<boolean> {
  const inv = await usableInvitation(invitationId, now);
  if (!inv || inv.status !== "ACTIVE") return false;
  await db().$transaction(async (tx) => {
    await recordWebOutcome(tx, { caseId: inv.sampleCaseId, outcome: "WEB_REFUSAL", now });
    await tx.invitation.update({ where: { id: inv.id }, data: { status: "WITHDRAWN", closedAt: now } });
    if (inv.sampleCase.response)
      await tx.response.updateMany({ where: { id: inv.sampleCase.response.id, status: "IN_PROGRESS" }, data: { status: "BROKEN_OFF" } });
    if (doNotContact) {
      const client = await tx.sampleCase.findUniqueOrThrow({
        where: { id: inv.sampleCaseId },
        select: { client: { select: { service: true, clientRef: true } } },
      });
      const reason = "Asked online not to be contacted again";
      const { count } = await tx.doNotContactEntry.createMany({
        data: [{ service: client.client.service, clientRef: client.client.clientRef, reason, addedById: null, addedAt: now }],
        skipDuplicates: true,
      });
      if (count > 0) {
        await recordAuditEvent(tx, {
          actorId: null,
          action: "do_not_contact.added",
          entityType: "DoNotContactEntry",
          entityId: `${client.client.service}:${client.client.clientRef}`,
          details: { reason, invitationId: inv.id },
        });
      }
    }
  });
  return true;
}

/** Whether the link or code still opens a questionnaire that can be withdrawn from (the withdraw page). */
export async function canWithdraw({ invitationId, now }: { invitationId: string | null; now: Date }): Promise<boolean> {
  if (!invitationId) return false;
  const inv = await usableInvitation(invitationId, now);
  return !!inv && inv.status === "ACTIVE";
}
