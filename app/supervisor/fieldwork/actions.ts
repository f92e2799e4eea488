"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { reassignAppointment, reassignAppointmentSchema, releaseCaseSchema, releaseHeldCase } from "@/lib/cati/db/supervisor-actions";
import { eligibilityShareSchema, setSupervisorE } from "@/lib/fieldwork/db/report";
import type { ActionResult } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import { formFields } from "@/lib/http/form-data";

// The control room's actions (issue 15): requireRole first, the operation's zod
// schema (runAction), one lib function. FormData in, so the forms work without JavaScript.

export async function setEligibilityShareAction(_prev: ActionResult<string> | null, formData: FormData): Promise<ActionResult<string>> {
  const user = await requireRole("fieldwork:monitor");
  return runAction(eligibilityShareSchema, formFields(formData), async (input) => {
    await setSupervisorE({ input, actorId: user.id });
    revalidatePath(`/supervisor/fieldwork/${input.sampleId}`);
    return input.e === null ? "e is estimated again (the default)." : `e set to ${input.e}.`;
  });
}

export async function releaseCaseAction(_prev: ActionResult<string> | null, formData: FormData): Promise<ActionResult<string>> {
  const user = await requireRole("fieldwork:monitor");
  return runAction(releaseCaseSchema, formFields(formData), async (input) => {
    await releaseHeldCase({ input, actorId: user.id });
    revalidatePath("/supervisor/interviewers");
    return "Case released: it is back in the queue.";
  });
}

export async function reassignAppointmentAction(_prev: ActionResult<string> | null, formData: FormData): Promise<ActionResult<string>> {
  const user = await requireRole("fieldwork:monitor");
  return runAction(reassignAppointmentSchema, formFields(formData), async (input) => {
    await reassignAppointment({ input, actorId: user.id });
    revalidatePath("/supervisor/interviewers");
    return input.interviewerId === "anyone" ? "Appointment given to anyone." : "Appointment reassigned.";
  });
}
