import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";
import { log } from "@/lib/log";

/**
 * Runs the body of a server action: validates the input with the operation's
 * schema, turns expected failures into a result the form can show, and logs
 * unexpected ones with an id (the person sees only the id).
 */
export async function runAction<S extends z.ZodType, T>(schema: S, input: unknown, body: (data: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
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
