import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { withPgClient } from "@/lib/sampling/db/pg";
import { ChunkSealer, openValue, sealedKeyId, type DataKey } from "./cipher";
import { createDataKey, dataKey, forgetDataKeys, unwrapDataKey, wrapDataKey } from "./keys";
import { masterKey, masterKeyId } from "./master-key";

// Key rotation (issue 17), from the command line (lib/privacy/cli-commands.ts):
// - a new master key: every data key unwrapped with the old one and wrapped
//   with the new, in one transaction; the sealed values do not change, and the
//   old master key opens nothing afterwards;
// - a new data key: made current, and every value sealed with another key
//   opened and sealed again with it (in batches, each its own transaction, so
//   a stopped run is simply run again); the old data keys are then deleted.

export type MasterKeyRotation = { dataKeys: number; from: string; to: string };

export async function rotateMasterKey({ newKey, actorId }: { newKey: Uint8Array; actorId: string | null }): Promise<MasterKeyRotation> {
  const old = masterKey().key;
  const from = masterKeyId(old);
  const to = masterKeyId(newKey);
  const dataKeys = await db().$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "PersonalDataKey" IN EXCLUSIVE MODE`;
    const rows = await tx.personalDataKey.findMany({ orderBy: { id: "asc" } });
    for (const row of rows) {
      const key = unwrapDataKey(row.id, row.wrapped, old, row.masterKeyId);
      await tx.personalDataKey.update({ where: { id: row.id }, data: { wrapped: new Uint8Array(wrapDataKey(row.id, key, newKey)), masterKeyId: to } });
    }
    await recordAuditEvent(tx, { actorId, action: "personal-data.master-key-rotated", details: { dataKeys: rows.length, from, to } });
    return rows.length;
  });
  forgetDataKeys();
  return { dataKeys, from, to };
}

export type DataKeyRotation = { dataKey: number; frameClients: number; outboxMessages: number; retiredKeys: number };

const BATCH = 20_000;

/** The data key id a stored (base64) value names: its first two bytes, the first four characters. */
const KEY_ID_SQL = (alias: string) =>
  `(get_byte(decode(left(${alias}."personal", 4), 'base64'), 0) << 8 | get_byte(decode(left(${alias}."personal", 4), 'base64'), 1))`;

/** A new current data key, and every sealed value sealed again with it. */
export async function rotateDataKey({ actorId }: { actorId: string | null }): Promise<DataKeyRotation> {
  const key = await db().$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "PersonalDataKey" IN EXCLUSIVE MODE`;
    return createDataKey(tx, { makeCurrent: "always" });
  });
  const frameClients = await resealTable("FrameClient", key);
  const outboxMessages = await resealTable("OutboxMessage", key);
  // A process that took the old key as current a moment ago may still seal with it
  // (keys.ts keeps it a minute): those values are sealed again by the next rotation.
  const retiredKeys = await db().$executeRaw`
    DELETE FROM "PersonalDataKey" k WHERE NOT k."current"
      AND NOT EXISTS (SELECT 1 FROM "FrameClient" f WHERE f."personal" IS NOT NULL AND ${Prisma.raw(KEY_ID_SQL("f"))} = k."id")
      AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" m WHERE m."personal" IS NOT NULL AND ${Prisma.raw(KEY_ID_SQL("m"))} = k."id")`;
  forgetDataKeys();
  await recordAuditEvent(db(), { actorId, action: "personal-data.data-key-rotated", details: { dataKey: key.id, frameClients, outboxMessages, retiredKeys } });
  return { dataKey: key.id, frameClients, outboxMessages, retiredKeys };
}

/** Seals again with `key` every value of `table`.personal sealed with another key; returns how many. */
async function resealTable(table: "FrameClient" | "OutboxMessage", key: DataKey): Promise<number> {
  let done = 0;
  let after = 0n;
  await withPgClient(async (pg) => {
    for (;;) {
      const { rows } = await pg.query<{ id: string; personal: string }>(
        `SELECT "id"::text AS id, "personal" FROM "${table}" t
         WHERE "id" > $1 AND "personal" IS NOT NULL AND ${KEY_ID_SQL("t")} <> $2
         ORDER BY "id" LIMIT ${BATCH}`,
        [after.toString(), key.id],
      );
      if (rows.length === 0) break;
      const sealer = new ChunkSealer(key);
      const sealed: string[] = [];
      for (const row of rows) {
        const bytes = Buffer.from(row.personal, "base64");
        const plain = openValue(bytes, await dataKey(sealedKeyId(bytes)));
        sealed.push(Buffer.from(sealer.seal(plain)).toString("base64"));
      }
      // Only where the value is still the one read (an erasure meanwhile wins).
      const { rowCount } = await pg.query(
        `UPDATE "${table}" t SET "personal" = v.sealed FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, was, sealed)
         WHERE t."id" = v.id AND t."personal" = v.was`,
        [rows.map((r) => r.id), rows.map((r) => r.personal), sealed],
      );
      done += rowCount ?? 0;
      after = BigInt(rows[rows.length - 1].id);
    }
  });
  return done;
}
