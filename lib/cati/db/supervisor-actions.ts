import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// A supervisor's hand on the telephone queue (issue 15): release a held case back
// to the queue, and give an appointment to another interviewer or to anyone. Both
// audited. The next-case statement (take-next-case.ts) does the rest: a released
// case is offerable again at once (its hold is gone), and an appointment is offered
// first to its appointmentById.

export const releaseCaseSchema = z.object({ caseId: z.uuid({ error: "Choose a case to release" }) });
export type ReleaseCaseInput = z.output<typeof releaseCaseSchema>;

/** Ends the hold; the open call attempt ends without an outcome (shown as not completed). */
export async function releaseHeldCase({
  input,
  actorId,
  now = currentTime(),
}: {
  input: ReleaseCaseInput;
  actorId: string;
  now?: Date;
}): Promise<{ releasedFrom: string }> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ heldById: string | null; heldUntil: Date | null }[]>`
      SELECT "heldById"::text AS "heldById", "heldUntil" FROM "SampleCase" WHERE "id" = ${input.caseId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new AppError("CASE_NOT_FOUND", "There is no such case.", "caseId");
    if (!row.heldById || !row.heldUntil || row.heldUntil <= now)
      throw new AppError("CASE_NOT_HELD", "Nobody holds this case now: it is already in the queue.", "caseId");
    await tx.sampleCase.update({ where: { id: input.caseId }, data: { heldById: null, heldUntil: null } });
    await tx.callAttempt.updateMany({ where: { sampleCaseId: input.caseId, interviewerId: row.heldById, endedAt: null }, data: { endedAt: now } });
    await recordAuditEvent(tx, { actorId, action: "case.released", entityType: "SampleCase", entityId: input.caseId, details: { heldById: row.heldById } });
    return { releasedFrom: row.heldById };
  });
}

export const reassignAppointmentSchema = z.object({
  caseId: z.uuid({ error: "Choose an appointment" }),
  // "anyone": the appointment is offered to whoever is free when it is due
  interviewerId: z.union([z.literal("anyone"), z.uuid({ error: "Choose an interviewer, or anyone" })], { error: "Choose an interviewer, or anyone" }),
});
export type ReassignAppointmentInput = z.output<typeof reassignAppointmentSchema>;

export async function reassignAppointment({ input, actorId }: { input: ReassignAppointmentInput; actorId: string }): Promise<void> {
  const to = input.interviewerId === "anyone" ? null : input.interviewerId;
  if (to) {
    const user = await db().user.findUnique({ where: { id: to }, select: { role: true, active: true } });
    if (!user || user.role !== "INTERVIEWER" || !user.active) throw new AppError("NOT_AN_INTERVIEWER", "Choose an active interviewer.", "interviewerId");
  }
  await db().$transaction(async (tx) => {
    const found = await tx.sampleCase.findUnique({
      where: { id: input.caseId },
      select: { appointmentAt: true, appointmentById: true, final: true, catiState: true },
    });
    if (!found || found.final || !found.appointmentAt) throw new AppError("NO_APPOINTMENT", "This case has no open appointment.", "caseId");
    // The scheduler's state names the appointment's interviewer too; "anyone" leaves it
    // as it was (the queue reads the column, and the next outcome sets both again).
    const state = found.catiState as { appointment?: { at: string; interviewerId: string } | null } | null;
    const catiState = to && state?.appointment ? ({ ...state, appointment: { ...state.appointment, interviewerId: to } } as Prisma.InputJsonValue) : undefined;
    await tx.sampleCase.update({ where: { id: input.caseId }, data: { appointmentById: to, ...(catiState ? { catiState } : {}) } });
    await recordAuditEvent(tx, {
      actorId,
      action: "appointment.reassigned",
      entityType: "SampleCase",
      entityId: input.caseId,
      details: { from: found.appointmentById, to, appointmentAt: found.appointmentAt.toISOString() },
    });
  });
}
