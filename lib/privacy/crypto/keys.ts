import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { currentMillis } from "@/lib/clock";
import { db } from "@/lib/db/client";
import type { DataKey } from "./cipher";
import { masterKey, masterKeyId, MasterKeyError } from "./master-key";

// The data keys (envelope encryption, issue 17): random 32-byte keys that seal
// personal values (cipher.ts), kept in PersonalDataKey only wrapped by the
// master key (master-key.ts) with AES-256-GCM, the key's id bound in as
// associated data. One is current (new values are sealed with it); older ones
// stay to open what they sealed. A process keeps the keys it has unwrapped.

type Db = PrismaClient | Prisma.TransactionClient;

const WRAP_AAD = (id: number) => Buffer.from(`fieldwork personal-data data key ${id}`);
/** Sealed values name their key in two bytes. */
export const MAX_DATA_KEY_ID = 0xffff;

export function wrapDataKey(id: number, key: Uint8Array, master: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", master, iv);
  cipher.setAAD(WRAP_AAD(id));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unwrapDataKey(id: number, wrapped: Uint8Array, master: Uint8Array, wrappedBy: string): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", master, wrapped.subarray(0, 12));
  decipher.setAAD(WRAP_AAD(id));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  } catch {
    throw new MasterKeyError(
      `data key ${id} does not open with this master key (${masterKeyId(master)}; it was wrapped by ${wrappedBy}): ` +
        "set PERSONAL_DATA_KEY to the key in use (or restore the personal-data-key file)",
    );
  }
}

const opened = new Map<number, DataKey>();
let current: { key: DataKey; until: number } | null = null;
// How long a process keeps sealing with the key it found current (a rotation elsewhere takes effect after this).
const CURRENT_FOR_MS = 60_000;

/** Forgets the keys this process holds (after a rotation; tests). */
export function forgetDataKeys(): void {
  opened.clear();
  current = null;
}

/** The data key `id`, unwrapped. */
export async function dataKey(id: number, tx: Db = db()): Promise<DataKey> {
  const held = opened.get(id);
  if (held) return held;
  const row = await tx.personalDataKey.findUnique({ where: { id } });
  if (!row) throw new MasterKeyError(`data key ${id} is not in PersonalDataKey: the value it sealed cannot be opened`);
  const key = { id, key: unwrapDataKey(id, row.wrapped, masterKey().key, row.masterKeyId) };
  opened.set(id, key);
  return key;
}

/** The key new values are sealed with; made on first use. */
export async function currentDataKey(): Promise<DataKey> {
  if (current && current.until > currentMillis()) return current.key;
  let row = await db().personalDataKey.findFirst({ where: { current: true }, select: { id: true } });
  if (!row) {
    await createDataKey(db(), { makeCurrent: "if-none" });
    row = await db().personalDataKey.findFirstOrThrow({ where: { current: true }, select: { id: true } });
  }
  const key = await dataKey(row.id);
  current = { key, until: currentMillis() + CURRENT_FOR_MS };
  return key;
}

/**
 * A new data key, wrapped by this process's master key. "if-none": current only
 * when no key is (two processes starting at once make one current key between
 * them: a partial unique index holds it); "always": the new current key.
 */
export async function createDataKey(tx: Db, { makeCurrent }: { makeCurrent: "if-none" | "always" }): Promise<DataKey> {
  const master = masterKey().key;
  const [{ id }] = await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('"PersonalDataKey"', 'id'))::int AS id`;
  if (id > MAX_DATA_KEY_ID) throw new MasterKeyError(`no more data key ids (at most ${MAX_DATA_KEY_ID})`);
  const key = randomBytes(32);
  const wrapped = wrapDataKey(id, key, master);
  if (makeCurrent === "always") await tx.personalDataKey.updateMany({ where: { current: true }, data: { current: false } });
  await tx.$executeRaw`
    INSERT INTO "PersonalDataKey" ("id", "wrapped", "masterKeyId", "current")
    VALUES (${id}, ${wrapped}, ${masterKeyId(master)}, true)
    ON CONFLICT ("current") WHERE "current" DO NOTHING`;
  // Lost the race for current: keep the key anyway (harmless), not current.
  await tx.$executeRaw`INSERT INTO "PersonalDataKey" ("id", "wrapped", "masterKeyId", "current") SELECT ${id}, ${wrapped}, ${masterKeyId(master)}, false WHERE NOT EXISTS (SELECT 1 FROM "PersonalDataKey" WHERE "id" = ${id})`;
  const made = { id, key };
  opened.set(id, made);
  current = null;
  return made;
}
