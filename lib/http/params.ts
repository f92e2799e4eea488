import { notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";

// Page and route parameters are checked by zod here, not by regular expressions
// in pages: a malformed id is "Page not found" (pages) or a 404 answer (routes),
// never a database error.

/** A serial id in a URL (frame and response imports). */
export const serialIdParam = z.string().regex(/^\d{1,18}$/, "not an id");

/** A path segment as the person typed it (%-escapes decoded; a broken escape is not found). */
export const decodedParam = z.string().transform((value, ctx) => {
  try {
    return decodeURIComponent(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "not a valid address" });
    return z.NEVER;
  }
});

export const uuidParams = z.object({ id: z.uuid() });
export const serialIdParams = z.object({ id: serialIdParam });
export const versionIdParams = z.object({ versionId: decodedParam.pipe(z.string().min(1).max(100)) });

/** A page's parameters, or "Page not found". */
export async function pageParams<S extends z.ZodType>(schema: S, params: Promise<unknown>): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** A route handler's parameters, or a NOT_FOUND failure (runRoute answers 404). */
export async function routeParams<S extends z.ZodType>(schema: S, params: Promise<unknown>): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "There is nothing at this address");
  return parsed.data;
}

/** Query string values that may be missing or malformed: a bad value counts as not given. */
export function optionalQuery<S extends z.ZodType>(schema: S) {
  return schema.optional().catch(undefined);
}
