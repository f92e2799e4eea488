import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeAnswer, getQuestionnaireVersion, isQuestion, renderText } from "@/lib/questionnaire";
import { parseCaseAttributes, storedAnswers } from "@/lib/responses/stored-answers";
import { sampleLabel } from "@/lib/sampling/surveys";
import type { CaseSearch } from "../case-search-schema";
import { CALL_HISTORY_SELECT, callHistory } from "./call-history";

// Supervisors find a case and see its whole story (issue 18): the call history
// and the answers so far. Never the phone number, email or name: a supervisor
// does not call the client.

export const CASES_PER_PAGE = 50;

export async function searchCases({ search }: { search: CaseSearch }) {
  const where: Prisma.SampleCaseWhereInput = {
    ...(search.clientRef ? { client: { clientRef: { equals: search.clientRef, mode: "insensitive" } } } : {}),
    ...(search.sampleId ? { sampleId: search.sampleId } : {}),
    ...(search.disposition ? { disposition: search.disposition } : {}),
    ...(search.interviewerId ? { callAttempts: { some: { interviewerId: search.interviewerId } } } : {}),
  };
  const page = search.page ?? 1;
  const [total, rows] = await Promise.all([
    db().sampleCase.count({ where }),
    db().sampleCase.findMany({
      where,
      orderBy: [{ sample: { drawnAt: "desc" } }, { drawOrder: "asc" }],
      skip: (page - 1) * CASES_PER_PAGE,
      take: CASES_PER_PAGE,
      select: {
        id: true,
        disposition: true,
        final: true,
        attempts: true,
        client: { select: { clientRef: true, service: true } },
        sample: { select: { survey: true, month: true, sequence: true, period: true } },
        callAttempts: { orderBy: { startedAt: "desc" }, take: 1, select: { startedAt: true, interviewer: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / CASES_PER_PAGE)),
    cases: rows.map((r) => ({
      id: r.id,
      clientRef: r.client.clientRef,
      service: r.client.service,
      sample: sampleLabel(r.sample),
      disposition: r.disposition,
      final: r.final,
      attempts: r.attempts,
      lastCallAt: r.callAttempts[0]?.startedAt ?? null,
      lastInterviewer: r.callAttempts[0] ? (r.callAttempts[0].interviewer?.name ?? "Online (the respondent)") : null,
    })),
  };
}

/** What the search form offers: the samples and the interviewers (by name). */
export async function listCaseSearchChoices() {
  const [samples, interviewers] = await Promise.all([
    db().sample.findMany({
      orderBy: [{ month: "desc" }, { survey: "asc" }, { sequence: "asc" }],
      take: 200,
      select: { id: true, survey: true, month: true, sequence: true, period: true },
    }),
    db().user.findMany({ where: { role: "INTERVIEWER" }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { samples: samples.map((s) => ({ value: s.id, label: sampleLabel(s) })), interviewers: interviewers.map((u) => ({ value: u.id, label: u.name })) };
}

/** One case for a supervisor: where it stands, every call, and the answers given so far. Null when there is no such case. */
export async function getSupervisorCase({ caseId }: { caseId: string }) {
  const row = await db().sampleCase.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      disposition: true,
      final: true,
      attempts: true,
      mode: true,
      appointmentAt: true,
      nextCallAt: true,
      heldUntil: true,
      heldBy: { select: { name: true } },
      sample: { select: { id: true, survey: true, month: true, sequence: true, period: true } },
      stratum: { select: { role: true, contactReason: true } },
      client: { select: { clientRef: true, service: true, contactDate: true } },
      callAttempts: CALL_HISTORY_SELECT,
      response: { select: { id: true, status: true, versionId: true, mode: true, updatedAt: true, caseAttributes: true } },
    },
  });
  if (!row) return null;
  let answers: { screenId: string; question: string; answer: string }[] = [];
  const version = row.response ? getQuestionnaireVersion(row.response.versionId) : undefined;
  if (row.response && version) {
    const given = await storedAnswers(db(), row.response.id);
    const attrs = parseCaseAttributes(row.response.caseAttributes);
    answers = version.screens
      .filter((s) => isQuestion(s) && given[s.id] !== undefined)
      .map((s) => ({ screenId: s.id, question: renderText(s.text, attrs), answer: describeAnswer(s, given[s.id]) }));
  }
  return {
    id: row.id,
    clientRef: row.client.clientRef,
    service: row.client.service,
    contactDate: row.client.contactDate,
    role: row.stratum.role,
    contactReason: row.stratum.contactReason,
    sampleId: row.sample.id,
    sample: sampleLabel(row.sample),
    mode: row.mode,
    disposition: row.disposition,
    final: row.final,
    attempts: row.attempts,
    appointmentAt: row.appointmentAt,
    nextCallAt: row.nextCallAt,
    heldBy: row.heldUntil && row.heldBy ? row.heldBy.name : null,
    history: callHistory(row.callAttempts),
    interview:
      row.response && version ? { versionId: version.id, status: row.response.status, answered: answers.length, updatedAt: row.response.updatedAt } : null,
    answers,
  };
}
