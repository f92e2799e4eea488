import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sendInvitations } from "@/lib/cawi/send-invitations";
import { drawOnlineSample } from "@/lib/cawi/test-samples";
import { withPgClient } from "@/lib/sampling/db/pg";
import { openClientPersonal, openOutboxPersonal } from "../personal";
import { sealPendingPersonalData } from "./seal-pending";

// Issue 17: a database from before encryption. Migration 20261205400000 sets
// the plain values aside in "_PersonalDataToSeal" and "_OutboxDataToSeal"
// (as below, with its own SQL) and the migrate step seals them.
process.env.PERSONAL_DATA_KEY = randomBytes(32).toString("base64");

describe("sealing the plain values a database held before encryption", () => {
  it("seals each set-aside value into its row, drops the holding tables, and does nothing the second time", async () => {
    const s = await drawOnlineSample({
      n: 2,
      month: "2019-05",
      clients: (ref) => ({ phone: "07700 900789", email: `${ref}@example.org`, title: "Mr", firstName: "Rhys", lastName: "Pryce" }),
    });
    await sendInvitations({ sampleId: s.sampleId, now: new Date("2026-12-03T10:00:00Z") });
    const [client] = await db().frameClient.findMany({ where: { clientRef: s.refs[0] }, select: { id: true } });
    const message = await db().outboxMessage.findFirstOrThrow({ where: { invitation: { sampleCase: { sampleId: s.sampleId } } }, select: { id: true } });
    await withPgClient(async (pg) => {
      // What the migration leaves: the plain values aside, the sealed columns empty.
      await pg.query(
        `CREATE TABLE "_PersonalDataToSeal" AS
        SELECT $1::bigint AS "id", '+447700900123'::text AS "phone", 'before@example.org'::text AS "email", 'Dr'::text AS "title", 'Old'::text AS "firstName", 'Plain'::text AS "lastName"`,
        [client!.id],
      );
      await pg.query(`UPDATE "FrameClient" SET "personal" = NULL WHERE "id" = $1`, [client!.id]);
      await pg.query(
        `CREATE TABLE "_OutboxDataToSeal" AS
        SELECT $1::bigint AS "id", 'before@example.org'::text AS "to", '{"link": "https://example.org/s/abc"}'::jsonb AS "personalisation"`,
        [message.id],
      );
      await pg.query(`UPDATE "OutboxMessage" SET "personal" = NULL WHERE "id" = $1`, [message.id]);
    });

    expect(await sealPendingPersonalData(process.env.DATABASE_URL!)).toEqual({ frameClients: 1, outboxMessages: 1 });

    const row = await db().frameClient.findUniqueOrThrow({ where: { id: client!.id }, select: { personal: true } });
    expect(row.personal).not.toContain("Plain");
    expect(await openClientPersonal(row.personal)).toEqual({
      phone: "+447700900123",
      email: "before@example.org",
      title: "Dr",
      firstName: "Old",
      lastName: "Plain",
    });
    const sealedMessage = await db().outboxMessage.findUniqueOrThrow({ where: { id: message.id }, select: { personal: true } });
    expect(await openOutboxPersonal(sealedMessage.personal)).toEqual({ to: "before@example.org", personalisation: { link: "https://example.org/s/abc" } });
    const left = await withPgClient(
      async (pg) =>
        (await pg.query<{ t: string | null }>(`SELECT coalesce(to_regclass('"_PersonalDataToSeal"')::text, to_regclass('"_OutboxDataToSeal"')::text) AS t`))
          .rows[0]!.t,
    );
    expect(left).toBeNull();
    expect(await sealPendingPersonalData(process.env.DATABASE_URL!)).toEqual({ frameClients: 0, outboxMessages: 0 });
  });
});
