import { notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { decodedParam, optionalQuery } from "./param-schemas";

// Page and route parameters are checked by zod here, not by regular expressions
// in pages: a malformed id is "Page not found" (pages) or a 404 answer (routes),
// never a database error.

/** A serial id in a URL (frame and response imports). */
export const serialIdParam = z.string().regex(/^\d{1,18}$/, "not an id");

export { decodedParam, optionalQuery };

export const uuidParams = z.object({ id: z.uuid() });
export const sampleIdParams = z.object({ sampleId: z.uuid() });
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
