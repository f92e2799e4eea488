import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { unstable_rethrow } from "next/navigation";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** How a route handler answers a failure: JSON with a code and a message a person can act on. */
export function problemResponse(code: string, message: string, status: number, field?: string): Response {
  return NextResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The twin of runAction for route handlers: expected failures (AppError) answer
 * 400 (404 for the *NOT_FOUND codes) with their message; anything else is
 * logged with an id and answers 500 with a generic message quoting the id,
 * never the error or a stack.
 */
export async function runRoute(name: string, body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    unstable_rethrow(error); // unauthorized(), forbidden(), redirect()
    if (error instanceof AppError) return problemResponse(error.code, error.message, error.code.endsWith("NOT_FOUND") ? 404 : 400, error.field);
    const errorId = randomUUID();
    log.error({ err: error, errorId, route: name }, "route handler failed");
    return problemResponse("UNEXPECTED", `Something went wrong. Try again, and if it keeps happening quote reference ${errorId}.`, 500);
  }
}
