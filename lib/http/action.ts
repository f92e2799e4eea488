import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";
import { log } from "@/lib/log";
import { formFields } from "./form-data";
import { noteFormError } from "./node-server";

/**
 * Runs the body of a server action: validates the input with the operation's
 * schema, turns expected failures into a result the form can show, and logs
 * unexpected ones with an id (the person sees only the id).
 */
export async function runAction<S extends z.ZodType, T>(schema: S, input: unknown, body: (data: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  const result = await runActionBody(schema, input, body);
  if (!result.ok) noteFormError();
  return result;
}

async function runActionBody<S extends z.ZodType, T>(schema: S, input: unknown, body: (data: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
      return { ok: false, code: "INVALID", message: "Check the answers you gave", fieldErrors };
    }
    return { ok: true, data: await body(parsed.data) };
  } catch (error) {
    unstable_rethrow(error); // redirect(), forbidden() and friends
    if (error instanceof AppError) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.field ? { [error.field]: error.message } : undefined };
    }
    const errorId = randomUUID();
    log.error({ err: error, errorId }, "server action failed");
    return { ok: false, code: "UNEXPECTED", message: `Something went wrong. Try again, and if it keeps happening quote reference ${errorId}.`, errorId };
  }
}

/**
 * A plain form's result (`useActionState`): on failure it carries what was
 * typed in the named fields, so the form sent back with its errors shows them
 * again, with or without JavaScript (React empties a form's fields once its
 * action returns). Never name a password field.
 */
export type FormResult<T> = ActionResult<T> & { typed?: Record<string, string> };

export function keepTyped<T>(result: ActionResult<T>, form: Record<string, unknown>, names: readonly string[]): FormResult<T> {
  const secret = names.find((n) => /password|secret|token/i.test(n));
  if (secret) throw new Error(`keepTyped: "${secret}" must never be sent back into a form`);
  if (result.ok) return result;
  return { ...result, typed: Object.fromEntries(names.map((n) => [n, typeof form[n] === "string" ? (form[n] as string) : ""])) };
}

/**
 * A plain form's action in one step: the posted fields through runAction, and
 * on failure what was typed in `keep` sent back (keepTyped). Actions that shape
 * their input first call the two themselves.
 */
export async function runFormAction<S extends z.ZodType, T>(
  schema: S,
  formData: FormData,
  keep: readonly string[],
  body: (data: z.infer<S>) => Promise<T>,
): Promise<FormResult<T>> {
  const form = formFields(formData);
  return keepTyped(await runAction(schema, form, body), form, keep);
}
