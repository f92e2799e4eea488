// The migrate step after migration 20261205400000_encrypt_personal_data
// (issue 17): the plain personal values it set aside ("_PersonalDataToSeal",
// "_OutboxDataToSeal") are sealed into FrameClient.personal and
// OutboxMessage.personal, then the tables are dropped. Run by
// scripts/db-migrate.ts migrateDatabase (so by npm start and npm run db:migrate)
// after `prisma migrate deploy`; a stopped run carries on where it stopped.
import pg from "pg";

const BATCH = 10_000;

/** One batch: the sealed values into their rows and out of the holding table, together. */
async function writeSealed(
  client: pg.Client,
  table: "FrameClient" | "OutboxMessage",
  holding: "_PersonalDataToSeal" | "_OutboxDataToSeal",
  rows: { id: string }[],
  sealed: string[],
): Promise<number> {
  const ids = rows.map((r) => r.id);
  await client.query("BEGIN");
  await client.query(`UPDATE "${table}" t SET "personal" = v.p FROM unnest($1::bigint[], $2::text[]) AS v(id, p) WHERE t."id" = v.id`, [ids, sealed]);
  await client.query(`DELETE FROM "${holding}" WHERE "id" = ANY($1::bigint[])`, [ids]);
  await client.query("COMMIT");
  return ids.length;
}

export async function sealPendingPersonalData(databaseUrl: string): Promise<{ frameClients: number; outboxMessages: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Instances starting together each run this step: one seals, the others wait
    // here and then find the holding tables gone (released when the client ends).
    await client.query(`SELECT pg_advisory_lock(hashtext('fieldwork: seal pending personal data'))`);
    const { rows } = await client.query<{ frame: string | null; outbox: string | null }>(
      `SELECT to_regclass('"_PersonalDataToSeal"')::text AS frame, to_regclass('"_OutboxDataToSeal"')::text AS outbox`,
    );
    const result = { frameClients: 0, outboxMessages: 0 };
    if (!rows[0].frame && !rows[0].outbox) return result;
    const pending = await client.query<{ n: string }>(
      `SELECT ${rows[0].frame ? `(SELECT count(*) FROM "_PersonalDataToSeal")` : "0"} + ${rows[0].outbox ? `(SELECT count(*) FROM "_OutboxDataToSeal")` : "0"} AS n`,
    );
    if (Number(pending.rows[0].n) > 0) {
      // The keys live in the database being migrated (db() reads DATABASE_URL).
      // eslint-disable-next-line no-restricted-syntax -- a migrate step outside the app: db() is to use the database being migrated
      process.env.DATABASE_URL ||= databaseUrl;
      const { ChunkSealer } = await import("./cipher");
      const { packFields } = await import("./fields");
      const { currentDataKey } = await import("./keys");
      const { sealOutboxPersonal } = await import("../personal");
      const { recordAuditEvent } = await import("@/lib/audit/record");
      const key = await currentDataKey();
      if (rows[0].frame)
        for (;;) {
          const batch = await client.query<{
            id: string;
            phone: string | null;
            email: string | null;
            title: string | null;
            firstName: string | null;
            lastName: string | null;
          }>(`SELECT "id"::text AS id, "phone", "email", "title", "firstName", "lastName" FROM "_PersonalDataToSeal" ORDER BY "id" LIMIT ${BATCH}`);
          if (batch.rows.length === 0) break;
          const sealer = new ChunkSealer(key);
          const sealed = batch.rows.map((r) => Buffer.from(sealer.seal(packFields([r.phone, r.email, r.title, r.firstName, r.lastName]))).toString("base64"));
          result.frameClients += await writeSealed(client, "FrameClient", "_PersonalDataToSeal", batch.rows, sealed);
        }
      if (rows[0].outbox)
        for (;;) {
          const batch = await client.query<{ id: string; to: string; personalisation: Record<string, string> }>(
            `SELECT "id"::text AS id, "to", "personalisation" FROM "_OutboxDataToSeal" ORDER BY "id" LIMIT ${BATCH}`,
          );
          if (batch.rows.length === 0) break;
          const sealed = await Promise.all(batch.rows.map((r) => sealOutboxPersonal({ to: r.to, personalisation: r.personalisation ?? {} })));
          result.outboxMessages += await writeSealed(client, "OutboxMessage", "_OutboxDataToSeal", batch.rows, sealed);
        }
      await recordAuditEvent(client, { actorId: null, action: "personal-data.sealed-existing", details: result });
    }
    await client.query(`DROP TABLE IF EXISTS "_PersonalDataToSeal"`);
    await client.query(`DROP TABLE IF EXISTS "_OutboxDataToSeal"`);
    return result;
  } finally {
    await client.end().catch(() => undefined);
  }
}
