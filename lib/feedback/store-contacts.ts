import "server-only";
import { db } from "@/lib/db/client";
import { contactsOfBody, parseContactItem, type ContactRow, type ItemError } from "./contact-schema";

// Storing posted contacts (issue 14): one set-based INSERT ... SELECT FROM
// unnest(...) ON CONFLICT ("contactRef") DO NOTHING per batch, so a retried post
// (or the same contact twice in one batch) is stored once, and concurrent posts
// of the same contact cannot both insert it. Bad items are reported with their
// index, field and reason and never stop the good ones.

export interface StoreResult {
  received: number;
  /** new contacts stored by this post */
  stored: number;
  /** valid contacts already stored (by an earlier post or earlier in this one) */
  duplicates: number;
  rejected: number;
  errors: ItemError[];
}

export async function storeContactRows({ rows, apiKeyId, now }: { rows: ContactRow[]; apiKeyId: string | null; now: Date }): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db().$queryRawUnsafe<{ n: bigint }[]>(
    `WITH ins AS (
       INSERT INTO "Contact" ("contactRef", "service", "clientRef", "channel", "contactAt", "reason", "teamCode", "receivedAt", "apiKeyId")
       SELECT t.ref, t.service::"Service", t.client, t.channel::"ContactChannel", (t.at::timestamptz AT TIME ZONE 'UTC'), t.reason::"ContactReason", t.team,
              ($8::timestamptz AT TIME ZONE 'UTC'), $9::uuid
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(ref, service, client, channel, at, reason, team)
       ON CONFLICT ("contactRef") DO NOTHING
       RETURNING 1)
     SELECT COUNT(*) AS n FROM ins`,
    rows.map((r) => r.contactRef),
    rows.map((r) => r.service),
    rows.map((r) => r.clientRef),
    rows.map((r) => r.channel),
    rows.map((r) => r.contactAt.toISOString()),
    rows.map((r) => r.reason),
    rows.map((r) => r.teamCode),
    now.toISOString(),
    apiKeyId,
  );
  return Number(inserted[0]?.n ?? 0);
}

/** A posted body: validated item by item, the good ones stored in one statement. */
export async function storeContacts({
  body,
  apiKeyId,
  now,
}: {
  body: unknown;
  apiKeyId: string | null;
  now: Date;
}): Promise<{ ok: true; result: StoreResult } | { ok: false; reason: string }> {
  const batch = contactsOfBody(body);
  if (!batch.ok) return batch;
  const rows: ContactRow[] = [];
  const errors: ItemError[] = [];
  let rejected = 0;
  batch.items.forEach((item, index) => {
    const parsed = parseContactItem(item, now);
    if (parsed.ok) rows.push(parsed.row);
    else {
      rejected += 1;
      for (const e of parsed.errors) errors.push({ index, ...e });
    }
  });
  const stored = await storeContactRows({ rows, apiKeyId, now });
  return { ok: true, result: { received: batch.items.length, stored, duplicates: rows.length - stored, rejected, errors } };
}
