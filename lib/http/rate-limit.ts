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

export interface RateLimitHit {
  limit: RateLimit;
  subject: string;
}

/**
 * Counts one hit against several limits in one statement, before the work they
 * guard is done (so a burst of parallel requests cannot all pass a check made
 * before any of them counted). `allowed` is false when any limit is used up.
 * `refund()` takes the hits back, for work that turned out not to count (a
 * correct password).
 */
export async function takeRateLimits({ hits, now }: { hits: RateLimitHit[]; now: Date }): Promise<{ allowed: boolean; refund: () => Promise<void> }> {
  const rows = hits
    .map(({ limit, subject }) => {
      const windowMs = limit.windowSeconds * 1000;
      return { key: `${limit.name}:${subject}`, windowStart: new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString(), limit: limit.limit };
    })
    // one lock order for every caller, so concurrent upserts cannot deadlock
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const counted = await db().$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    SELECT k, w::timestamp, 1 FROM unnest(${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.windowStart)}::text[]) WITH ORDINALITY AS t(k, w, n) ORDER BY n
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "key", "count"`;
  const allowed = rows.every((r) => (counted.find((c) => c.key === r.key)?.count ?? 1) <= r.limit);
  const refund = async () => {
    await db().$executeRaw`
      UPDATE "RateLimitBucket" b SET "count" = GREATEST(b."count" - 1, 0)
      FROM unnest(${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.windowStart)}::text[]) AS t(k, w)
      WHERE b."key" = t.k AND b."windowStart" = t.w::timestamp`;
  };
  return { allowed, refund };
}

/** Forgets every window of the keys that start with `prefix` (an administrator's unlock). */
export async function clearRateLimits({ prefix }: { prefix: string }): Promise<number> {
  const { count } = await db().rateLimitBucket.deleteMany({ where: { key: { startsWith: prefix } } });
  return count;
}
