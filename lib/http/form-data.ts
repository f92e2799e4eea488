/**
 * A server action's form, whatever the caller sent. Anyone can call an action
 * with any arguments (a script, not only the page's own form), so what is not
 * a FormData counts as an empty form, and the action's schema then says what
 * is missing (issue 17: `{}` as the form was a 500).
 */
export function formDataOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** The form's fields as an object for the operation's zod schema (the first value of each name). */
export function formFields(value: unknown): Record<string, FormDataEntryValue> {
  const form = formDataOf(value);
  return Object.fromEntries([...new Set(form.keys())].map((k) => [k, form.get(k)!]));
}
