import type { ActionResult } from "@/lib/errors";

/** One line of a GOV.UK error summary. */
export interface SummaryError {
  /** the id of the field the message links to */
  field?: string;
  message: string;
}

/** What a form shows for an action's result: the error summary's lines and each field's message (by control id). */
export interface FormErrors {
  summary: SummaryError[];
  /** message by control id */
  fields: Record<string, string>;
  /** what was typed, by field name, when the form was sent back with errors (keepTyped, lib/http/action.ts); otherwise null */
  typed: Record<string, string> | null;
}

const NONE: FormErrors = { summary: [], fields: {}, typed: null };

/**
 * The one mapping from a server action's result (lib/http/action.ts runAction)
 * onto the GOV.UK error summary and fields. A field error links to its control
 * (`fieldId` turns a schema path such as "callingHours.start" into a control id,
 * `prefix` keeps two forms on a page apart); an error about the whole form
 * ("form", or no field errors at all) is a summary line without a link. A
 * form sent back with errors also gets what was typed in it (`typed`).
 */
export function formErrors(
  result: (ActionResult<unknown> & { typed?: Record<string, string> }) | null | undefined,
  { fieldId = (path: string) => path, prefix = "" }: { fieldId?: (path: string) => string; prefix?: string } = {},
): FormErrors {
  if (!result || result.ok) return NONE;
  const typed = result.typed ?? null;
  const entries = Object.entries(result.fieldErrors ?? {});
  if (entries.length === 0) return { summary: [{ message: result.message }], fields: {}, typed };
  const fields: Record<string, string> = {};
  const summary: SummaryError[] = [];
  for (const [path, message] of entries) {
    if (path === "form") {
      summary.push({ message });
      continue;
    }
    const id = `${prefix}${fieldId(path)}`;
    fields[id] = message;
    summary.push({ field: id, message });
  }
  return { summary, fields, typed };
}

/**
 * react-hook-form pages: puts each field error of a failed result on its field
 * (form.setError) and returns the message for the whole form, if any.
 */
export function applyToForm<F extends string>(
  result: ActionResult<unknown>,
  fields: readonly F[],
  setError: (field: F, error: { message: string }) => void,
): string | undefined {
  if (result.ok) return undefined;
  let formMessage: string | undefined;
  const entries = Object.entries(result.fieldErrors ?? {});
  for (const [path, message] of entries) {
    if ((fields as readonly string[]).includes(path)) setError(path as F, { message });
    else formMessage ??= message;
  }
  return entries.length === 0 ? result.message : formMessage;
}

/** react-hook-form pages: the summary lines from the form's field errors, after any whole-form message. */
export function summaryOf<F extends string>(
  errors: Partial<Record<F, { message?: string } | undefined>>,
  fields: readonly F[],
  { formMessage, prefix = "" }: { formMessage?: string; prefix?: string } = {},
): SummaryError[] {
  return [
    ...(formMessage ? [{ message: formMessage }] : []),
    ...fields.flatMap((f) => (errors[f]?.message ? [{ field: `${prefix}${f}`, message: errors[f].message }] : [])),
  ];
}
