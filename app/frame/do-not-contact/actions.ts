"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { runFormAction, type FormResult } from "@/lib/http/action";
import { addDoNotContact, removeDoNotContact } from "@/lib/sampling/db/do-not-contact";
import { doNotContactSchema, removeDoNotContactSchema } from "@/lib/sampling/schemas";

// The do-not-contact register's two forms: plain forms (they work without
// JavaScript). Done, each says what it did; sent back, each keeps what was typed.

const TYPED = ["service", "clientRef", "reason"] as const;

/** What the form says it did, and the service it did it in (the form stays on that service). */
type Done = { message: string; service: string };

export async function addDoNotContactAction(_prev: FormResult<Done> | null, formData: FormData): Promise<FormResult<Done>> {
  const user = await requireRole("dnc:manage");
  return runFormAction(doNotContactSchema, formData, TYPED, async (data) => {
    await addDoNotContact({ actorId: user.id, input: data });
    revalidatePath("/frame/do-not-contact");
    return { message: `${data.service} client ${data.clientRef} added to the register.`, service: data.service };
  });
}

export async function removeDoNotContactAction(_prev: FormResult<Done> | null, formData: FormData): Promise<FormResult<Done>> {
  const user = await requireRole("dnc:manage");
  return runFormAction(removeDoNotContactSchema, formData, TYPED, async (data) => {
    await removeDoNotContact({ actorId: user.id, input: data });
    revalidatePath("/frame/do-not-contact");
    return { message: `${data.service} client ${data.clientRef} removed from the register.`, service: data.service };
  });
}
