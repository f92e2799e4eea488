import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { API_KEY_PATTERN, apiKeyFromHeaders, apiKeyPrefix, hashApiKey, newApiKey } from "./api-key-token";

// Machine clients' keys (issue 14): administrators create, name, scope and
// revoke them at /admin/api-keys. The key is returned once by createApiKey and
// never stored, logged or audited (the audit log has the key's id and prefix).

export const API_KEY_SCOPES = ["CONTACTS_WRITE"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = { CONTACTS_WRITE: "Post contacts (POST /api/contacts)" };

export const createApiKeySchema = z.object({
  name: z
    .string({ error: "Enter a name for the key" })
    .trim()
    .min(1, "Enter a name for the key, such as the system that will use it")
    .max(100, "The name must be 100 characters or fewer"),
  scopes: z.array(z.enum(API_KEY_SCOPES, { error: "Choose what the key may do" })).min(1, "Choose what the key may do"),
});
export const revokeApiKeySchema = z.object({ keyId: z.uuid("The key's id is not valid") });

export async function createApiKey({
  actorId,
  input,
  now,
}: {
  actorId: string | null;
  input: z.infer<typeof createApiKeySchema>;
  now: Date;
}): Promise<{ id: string; key: string; prefix: string }> {
  const key = newApiKey();
  const prefix = apiKeyPrefix(key);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, scopes: input.scopes, prefix, keyHash: hashApiKey(key), createdById: actorId, createdAt: now },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: "api_key.created",
      entityType: "ApiKey",
      entityId: created.id,
      details: { name: input.name, scopes: input.scopes, prefix },
    });
    return created;
  });
  return { id: row.id, key, prefix };
}

export async function revokeApiKey({ actorId, keyId, now }: { actorId: string | null; keyId: string; now: Date }): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: now, revokedById: actorId } });
    if (count === 0) {
      const exists = await tx.apiKey.findUnique({ where: { id: keyId }, select: { id: true } });
      if (!exists) throw new AppError("NOT_FOUND", "There is no API key with that id.", "keyId");
      return; // revoked already
    }
    await recordAuditEvent(tx, { actorId, action: "api_key.revoked", entityType: "ApiKey", entityId: keyId });
  });
}

export interface ApiKeyListEntry {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiKeys(): Promise<ApiKeyListEntry[]> {
  const rows = await db().apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, scopes: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, createdBy: r.createdBy?.name ?? null }));
}

export type ApiKeyCheck =
  { ok: true; keyId: string } | { ok: false; status: 401 | 403; code: "API_KEY_REQUIRED" | "API_KEY_INVALID" | "API_KEY_SCOPE"; message: string };

/**
 * The one check of a machine client's key: unknown, malformed and revoked keys
 * all answer 401 (revoked ones say so); a key without the scope 403. A key
 * opens API routes only: pages never read it (they use staff sessions).
 * Each use is audited (the key's id, never the key) and stamps lastUsedAt.
 */
export async function authenticateApiKey({
  headers,
  scope,
  route,
  now,
}: {
  headers: Headers;
  scope: ApiKeyScope;
  route: string;
  now: Date;
}): Promise<ApiKeyCheck> {
  const key = apiKeyFromHeaders(headers);
  if (!key) return { ok: false, status: 401, code: "API_KEY_REQUIRED", message: "This API needs an API key: send it as Authorization: Bearer <key>." };
  if (!API_KEY_PATTERN.test(key)) return { ok: false, status: 401, code: "API_KEY_INVALID", message: "The API key is not valid." };
  const row = await db().apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, select: { id: true, scopes: true, revokedAt: true } });
  if (!row) return { ok: false, status: 401, code: "API_KEY_INVALID", message: "The API key is not valid." };
  if (row.revokedAt) {
    await recordAuditEvent(db(), { actorId: null, action: "api_key.refused", entityType: "ApiKey", entityId: row.id, details: { route, why: "REVOKED" } });
    return { ok: false, status: 401, code: "API_KEY_INVALID", message: "The API key has been revoked: ask an administrator for a new one." };
  }
  if (!row.scopes.includes(scope)) {
    await recordAuditEvent(db(), {
      actorId: null,
      action: "api_key.refused",
      entityType: "ApiKey",
      entityId: row.id,
      details: { route, why: "SCOPE", needs: scope },
    });
    return { ok: false, status: 403, code: "API_KEY_SCOPE", message: `The API key may not do this: it needs the ${scope} scope.` };
  }
  await db().$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    await recordAuditEvent(tx, { actorId: null, action: "api_key.used", entityType: "ApiKey", entityId: row.id, details: { route } });
  });
  return { ok: true, keyId: row.id };
}
