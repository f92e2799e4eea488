"use server";
import { QUOTA_CELL_CONFIRM } from "./confirm";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { changeQuotaTarget, setQuotaCellClosed, setUpQuotaCells } from "@/lib/cati/db/quotas";
import { quotaCellActionSchema, quotaSetUpSchema, quotaTargetSchema } from "@/lib/cati/quota-schemas";
import type { ActionResult } from "@/lib/errors";
import { runAction, runFormAction, type FormResult } from "@/lib/http/action";
import { formatNumber } from "@/lib/format";
import { formDataOf, formFields } from "@/lib/http/form-data";

// Quota cells (issue 4, fieldwork.md "Quotas"). Each action: requireRole first,
// then the operation's zod schema (runAction), then one lib/cati/db function.
// They take FormData so the forms work without JavaScript.

const PAGE = "/supervisor/quotas";

export async function setUpQuotasAction(_prev: FormResult<string> | null, formData: FormData): Promise<FormResult<string>> {
  const user = await requireRole("quotas:manage");
  return runFormAction(quotaSetUpSchema, formData, ["total", "method"], async (input) => {
    const { cells, shortfall } = await setUpQuotaCells({ input, actorId: user.id });
    revalidatePath(PAGE);
    return `Targets set for ${cells} cell${cells === 1 ? "" : "s"}.${shortfall > 0 ? ` The sample has ${formatNumber(shortfall)} fewer cases than the total target in some cells; those cells' targets are their case counts.` : ""}`;
  });
}

export async function changeQuotaTargetAction(_prev: FormResult<string> | null, formData: FormData): Promise<FormResult<string>> {
  const user = await requireRole("quotas:manage");
  return runFormAction(quotaTargetSchema, formData, ["target"], async (input) => {
    const { warning } = await changeQuotaTarget({ input, actorId: user.id });
    revalidatePath(PAGE);
    return `Target changed to ${formatNumber(input.target)}.${warning ? ` Warning: ${warning}` : ""}`;
  });
}

export async function quotaCellAction(_prev: ActionResult<string> | null, formData: FormData): Promise<ActionResult<string>> {
  const user = await requireRole("quotas:manage");
  return runAction(quotaCellActionSchema, formFields(formData), async (input) => {
    // Closing stops the cell's cases being offered: it takes a second, confirming post (issue 18).
    const confirm = formDataOf(formData).get("confirm");
    if (input.action === "close" && confirm !== "yes") return confirm === "no" ? "" : QUOTA_CELL_CONFIRM;
    await setQuotaCellClosed({ input, actorId: user.id });
    revalidatePath(PAGE);
    return input.action === "close" ? "Cell closed: its cases are no longer offered." : "Cell reopened.";
  });
}
