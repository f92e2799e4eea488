import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { toAnswerCode, type AnswerValue } from "@/lib/questionnaire";
import type { ProfileColumn } from "../response-columns";

// The contract for projecting a completed fieldwork response into the results'
// one source (SurveyRespondent, source FIELDWORK). The fieldwork side calls this
// when a response completes (and again if it is corrected): answers are its
// effective answers (runner effectiveAnswers), stored as interchange cells.

export interface FieldworkRespondent {
  readonly survey: "CMS" | "OPTIONS" | "CES";
  /** A stable reference of the response or sample case (unique per survey). */
  readonly respondentRef: string;
  readonly questionnaireVersion: string;
  readonly interviewDate: Date;
  /** YYYY-MM: the reporting period, the contact month the sample drew (periods.ts sampleContactMonth), not the interview date. */
  readonly periodMonth: string;
  readonly mode: "PHONE" | "ONLINE";
  readonly role: "RECEIVING_PARENT" | "PAYING_PARENT" | "MAIN_CARE" | "SOME_OR_NO_CARE" | "OTHER";
  readonly contactReason: "NEW_APPLICATION" | "CHANGE_OF_CIRCUMSTANCES" | "ARREARS" | "COMPLAINT" | "CASE_CLOSURE" | "ENQUIRY";
  readonly profile?: Readonly<Partial<Record<ProfileColumn, string>>>;
  /** The sample stratum label, for design weights N_h / r_h. */
  readonly stratum?: string | null;
  /** N_h / n_h from the draw, or null. */
  readonly weight?: number | null;
  readonly answers: Readonly<Record<string, AnswerValue>>;
}

/** Answers as interchange cells: ratings as numbers, information screens left out. */
export function answerCells(answers: Readonly<Record<string, AnswerValue>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value.kind === "rating") out[id] = value.value;
    else {
      const code = toAnswerCode(value);
      if (code !== undefined) out[id] = code;
    }
  }
  return out;
}

export async function recordFieldworkRespondent(r: FieldworkRespondent, tx: Prisma.TransactionClient = db()): Promise<void> {
  const data = {
    questionnaireVersion: r.questionnaireVersion,
    interviewDate: r.interviewDate,
    periodMonth: new Date(`${r.periodMonth}-01T00:00:00Z`),
    mode: r.mode,
    role: r.role,
    contactReason: r.contactReason,
    ageBand: r.profile?.age_band ?? null,
    gender: r.profile?.gender ?? null,
    ethnicity: r.profile?.ethnicity ?? null,
    health: r.profile?.health ?? null,
    serviceLength: r.profile?.service_length ?? null,
    csaClosureLetter: r.profile?.csa_closure_letter ?? null,
    stratum: r.stratum ?? null,
    weight: r.weight ?? null,
    answers: answerCells(r.answers),
    source: "FIELDWORK" as const,
    importId: null,
  };
  await tx.surveyRespondent.upsert({
    where: { survey_respondentRef: { survey: r.survey, respondentRef: r.respondentRef } },
    create: { survey: r.survey, respondentRef: r.respondentRef, ...data },
    update: data,
  });
}
