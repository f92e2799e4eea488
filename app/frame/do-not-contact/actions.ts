"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { addDoNotContact, removeDoNotContact } from "@/lib/sampling/db/do-not-contact";
import { doNotContactSchema, removeDoNotContactSchema } from "@/lib/sampling/schemas";

export async function addDoNotContactAction(input: unknown) {
  const user = await requireRole("dnc:manage");
  return runAction(doNotContactSchema, input, async (data) => {
    await addDoNotContact({ actorId: user.id, input: data });
    revalidatePath("/frame/do-not-contact");
    return undefined;
  });
}

export async function removeDoNotContactAction(input: unknown) {
  const user = await requireRole("dnc:manage");
  return runAction(removeDoNotContactSchema, input, async (data) => {
    await removeDoNotContact({ actorId: user.id, input: data });
    revalidatePath("/frame/do-not-contact");
    return undefined;
  });
}
