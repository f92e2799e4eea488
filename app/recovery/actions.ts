"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import type { ActionResult } from "@/lib/errors";
import { closeFollowUpSchema, followUpIdSchema, recordAttemptSchema } from "@/lib/feedback/follow-up-rules";
import { claimFollowUp, closeFollowUp, recordFollowUpAttempt, releaseFollowUp, revealFollowUpContactDetails } from "@/lib/feedback/follow-ups";
import { keepTyped, runAction, type FormResult } from "@/lib/http/action";
import { formDataOf, formFields } from "@/lib/http/form-data";

// The follow-up queue's form posts (plain forms: they work without JavaScript).

const back = (id: unknown, query: string) => `/recovery/${z.uuid().safeParse(id).success ? (id as string) : ""}${query}`;

export async function claimFollowUpAction(formData: FormData): Promise<void> {
  const user = await requireRole("followups:work");
  const result = await runAction(followUpIdSchema, { followUpId: formDataOf(formData).get("followUpId") }, ({ followUpId }) =>
    claimFollowUp({ followUpId, actorId: user.id, now: currentTime() }),
  );
  redirect(back(formDataOf(formData).get("followUpId"), result.ok ? "?claimed=1" : `?error=${result.code}`));
}

export async function releaseFollowUpAction(formData: FormData): Promise<void> {
  const user = await requireRole("followups:work");
  const result = await runAction(followUpIdSchema, { followUpId: formDataOf(formData).get("followUpId") }, ({ followUpId }) =>
    releaseFollowUp({ followUpId, actorId: user.id }),
  );
  redirect(result.ok ? "/recovery?released=1" : back(formDataOf(formData).get("followUpId"), `?error=${result.code}`));
}

export async function revealContactDetailsAction(
  _prev: ActionResult<{ phone: string | null; email: string | null }> | null,
  formData: FormData,
): Promise<ActionResult<{ phone: string | null; email: string | null }>> {
  const user = await requireRole("followups:work");
  return runAction(followUpIdSchema, { followUpId: formDataOf(formData).get("followUpId") }, ({ followUpId }) =>
    revealFollowUpContactDetails({ followUpId, actorId: user.id }),
  );
}

export async function recordAttemptAction(_prev: FormResult<undefined> | null, formData: FormData): Promise<FormResult<undefined>> {
  const user = await requireRole("followups:work");
  const result = await runAction(
    recordAttemptSchema,
    {
      followUpId: formDataOf(formData).get("followUpId"),
      outcome: formDataOf(formData).get("outcome") ?? undefined,
      note: String(formDataOf(formData).get("note") ?? ""),
    },
    async (input) => {
      await recordFollowUpAttempt({ ...input, actorId: user.id, now: currentTime() });
      return undefined;
    },
  );
  if (result.ok) redirect(back(formDataOf(formData).get("followUpId"), "?attempt=1"));
  return keepTyped(result, formFields(formData), ["outcome", "note"]);
}

export async function closeFollowUpAction(_prev: FormResult<undefined> | null, formData: FormData): Promise<FormResult<undefined>> {
  const user = await requireRole("followups:work");
  const result = await runAction(
    closeFollowUpSchema,
    {
      followUpId: formDataOf(formData).get("followUpId"),
      resolution: formDataOf(formData).get("resolution") ?? undefined,
      note: String(formDataOf(formData).get("note") ?? ""),
    },
    async (input) => {
      await closeFollowUp({ ...input, actorId: user.id, now: currentTime() });
      return undefined;
    },
  );
  if (result.ok) redirect("/recovery?closed=1");
  return keepTyped(result, formFields(formData), ["resolution", "note"]);
}
