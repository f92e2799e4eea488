/**
 * Expected failures: a code a form can map to a field, and a message a person
 * can act on. Anything else is unexpected, logged with an id, and shown as a
 * generic message.
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string>; errorId?: string };
