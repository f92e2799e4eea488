import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { catiSettingsSchema, type CatiSettings, type CatiSettingsInput } from "../settings";
import { prismaSql, type SqlRunner } from "./sql";
import { currentMillis } from "@/lib/clock";

// The CATI rule numbers (lib/cati/settings.ts) live in the Setting table under
// "cati", validated by catiSettingsSchema on the way in and out; a missing row
// means the fieldwork.md defaults. Refusal converters are a list of user ids under
// "cati.refusalConverters" (fieldwork.md: a soft refusal is retried "by a
// refusal-conversion interviewer"); an empty list lets every interviewer convert,
// so that conversions never wait for a role nobody holds.

export const CATI_SETTINGS_KEY = "cati";
export const REFUSAL_CONVERTERS_KEY = "cati.refusalConverters";

export const refusalConvertersSchema = z.object({ userIds: z.array(z.uuid()).max(1000) }).strict();

export interface CatiConfig {
  settings: CatiSettings;
  /** Empty: any interviewer may take a refusal conversion. */
  refusalConverterIds: string[];
}

/** Settings and converters in one round trip (the next-case path reads them on every call). */
export async function loadCatiConfig(run: SqlRunner = prismaSql): Promise<CatiConfig> {
  const rows = await run(
    `SELECT "key", "value" FROM "Setting" WHERE "key" = ANY($1::text[])`,
    [[CATI_SETTINGS_KEY, REFUSAL_CONVERTERS_KEY]],
    "cati_load_config",
  );
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const parsed = catiSettingsSchema.safeParse(value(CATI_SETTINGS_KEY) ?? {});
  // A row that no longer parses (a setting renamed by a later release) must not stop
  // fieldwork: the defaults apply, and the settings page shows the problem.
  const settings = parsed.success ? parsed.data : catiSettingsSchema.parse({});
  const converters = refusalConvertersSchema.safeParse(value(REFUSAL_CONVERTERS_KEY) ?? { userIds: [] });
  return { settings, refusalConverterIds: converters.success ? converters.data.userIds : [] };
}

// The next-case path reads the settings on every call; a process keeps them for a
// few seconds (a change saved here clears it at once; other instances see it
// within CONFIG_TTL_MS).
const CONFIG_TTL_MS = 5_000;
let cached: { config: CatiConfig; at: number } | null = null;

/** loadCatiConfig, kept for CONFIG_TTL_MS (the next-case path). */
export async function cachedCatiConfig({ run, now = currentMillis() }: { run: SqlRunner; now?: number }): Promise<CatiConfig> {
  if (cached && now - cached.at < CONFIG_TTL_MS) return cached.config;
  const config = await loadCatiConfig(run);
  cached = { config, at: now };
  return config;
}

export async function getCatiSettings(): Promise<CatiSettings> {
  return (await loadCatiConfig()).settings;
}

export function mayConvertRefusals(config: CatiConfig, interviewerId: string): boolean {
  return config.refusalConverterIds.length === 0 || config.refusalConverterIds.includes(interviewerId);
}

/** Stores validated settings (the caller parsed them with catiSettingsSchema) and audits the change. */
export async function saveCatiSettings({
  actorId,
  settings,
  refusalConverterIds,
}: {
  actorId: string | null;
  settings: CatiSettingsInput;
  refusalConverterIds?: string[];
}) {
  const parsed = catiSettingsSchema.parse(settings);
  cached = null;
  await db().$transaction(async (tx) => {
    const value = parsed as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({
      where: { key: CATI_SETTINGS_KEY },
      create: { key: CATI_SETTINGS_KEY, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAuditEvent(tx, { actorId, action: "setting.changed", entityType: "Setting", entityId: CATI_SETTINGS_KEY, details: value });
    if (refusalConverterIds) {
      const converters = { userIds: refusalConverterIds };
      await tx.setting.upsert({
        where: { key: REFUSAL_CONVERTERS_KEY },
        create: { key: REFUSAL_CONVERTERS_KEY, value: converters, updatedById: actorId },
        update: { value: converters, updatedById: actorId },
      });
      await recordAuditEvent(tx, { actorId, action: "setting.changed", entityType: "Setting", entityId: REFUSAL_CONVERTERS_KEY, details: converters });
    }
  });
  cached = null;
  return parsed;
}

/** The settings page: current settings, converters, and the interviewers who could convert refusals. */
export async function getTelephoneSettingsPage() {
  const [config, interviewers] = await Promise.all([
    loadCatiConfig(),
    db().user.findMany({ where: { role: "INTERVIEWER", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true }, take: 500 }),
  ]);
  return { ...config, interviewers };
}
