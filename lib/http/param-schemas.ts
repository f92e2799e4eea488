import { z } from "zod";

// Pure (no next/navigation), so schemas that command-line scripts load can use it.

/** A path segment as the person typed it (%-escapes decoded; a broken escape is not found). */
export const decodedParam = z.string().transform((value, ctx) => {
  try {
    return decodeURIComponent(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "not a valid address" });
    return z.NEVER;
  }
});

/** Query string values that may be missing or malformed: a bad value counts as not given. */
export function optionalQuery<S extends z.ZodType>(schema: S) {
  return schema.optional().catch(undefined);
}

/** A checkbox in a plain form: present ("on") when ticked, missing when not; `true` from a script. */
export const checkboxField = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
