import "server-only";
import { db } from "@/lib/db/client";

// Fixed-window rate limits kept in PostgreSQL (RateLimitBucket), so every
// instance of the app counts against the same numbers. One statement per hit:
// the upsert's row lock makes concurrent hits add up exactly.

export interface RateLimit {
  /** what is counted: "lookup:ip", "answer:invitation", ... */
  name: string;
  limit: number;
  windowSeconds: number;
}

// Ours: generous for people, tight for guessing (a wrong link or code costs one look-up).
export const LIMITS = {
  lookupPerIp: { name: "lookup:ip", limit: 30, windowSeconds: 600 },
  lookupPerInvitation: { name: "lookup:invitation", limit: 60, windowSeconds: 600 },
  answerPerIp: { name: "answer:ip", limit: 2000, windowSeconds: 600 },
  answerPerInvitation: { name: "answer:invitation", limit: 200, windowSeconds: 600 },
} satisfies Record<string, RateLimit>;

/** Counts one hit; false when the window's limit is already used up. */
export async function takeRateLimit({ limit, subject, now }: { limit: RateLimit; subject: string; now: Date }): Promise<boolean> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${`${limit.name}:${subject}`}, ${windowStart.toISOString()}::timestamp, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  return (rows[0]?.count ?? 1) <= limit.limit;
}

/** Drops windows that started before `before` (for a later clean-up job). */
export async function purgeRateLimits(before: Date): Promise<number> {
  const { count } = await db().rateLimitBucket.deleteMany({ where: { windowStart: { lt: before } } });
  return count;
}
