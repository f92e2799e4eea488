import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * The respondent stopped part-way (telephone: the interviewer records it; online:
 * the link expires). Saving another answer later resumes it (IN_PROGRESS).
 * A complete response is left as it is.
 */
export async function markBrokenOff({ responseId }: { responseId: string }): Promise<void> {
  const { count } = await db().response.updateMany({ where: { id: responseId, status: "IN_PROGRESS" }, data: { status: "BROKEN_OFF" } });
  if (count === 0 && !(await db().response.findUnique({ where: { id: responseId }, select: { id: true } }))) {
    throw new AppError("RESPONSE_NOT_FOUND", "This interview no longer exists.");
  }
}
