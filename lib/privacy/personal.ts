import "server-only";
import { isUkMobile } from "@/lib/cawi/channel";
import { openValue, sealedKeyId, sealValue } from "./crypto/cipher";
import { packFields, unpackFields } from "./crypto/fields";
import { currentDataKey, dataKey } from "./crypto/keys";

// The one way personal values are read and written (issue 17): every reader of
// a frame client's contact details or an outbox message's address and link goes
// through openClientPersonal / openOutboxPersonal. The values are sealed at rest
// (lib/privacy/crypto); erasing them is setting the sealed column to NULL.

/** A frame client's personal values: sealed together in FrameClient.personal. */
export interface ClientPersonal {
  phone: string | null;
  email: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** The order of the values in FrameClient.personal (the frame import writes the same: lib/sampling/frame/copy.ts). */
export const CLIENT_PERSONAL_FIELDS = ["phone", "email", "title", "firstName", "lastName"] as const satisfies readonly (keyof ClientPersonal)[];

export const NO_PERSONAL: ClientPersonal = Object.freeze({ phone: null, email: null, title: null, firstName: null, lastName: null });

/** A sealed value's plain bytes (the data key it names is looked up); stored in base64. */
export async function openSealed(stored: string): Promise<Buffer> {
  const sealed = Buffer.from(stored, "base64");
  return openValue(sealed, await dataKey(sealedKeyId(sealed)));
}

/** A frame client's contact details and name; all null when erased (or never given). */
export async function openClientPersonal(sealed: string | null): Promise<ClientPersonal> {
  if (sealed === null) return NO_PERSONAL;
  const values = unpackFields(await openSealed(sealed), CLIENT_PERSONAL_FIELDS.length);
  return Object.fromEntries(CLIENT_PERSONAL_FIELDS.map((f, i) => [f, values[i]])) as unknown as ClientPersonal;
}

/** FrameClient's sealed column and the plain flags the draw and the waterfall read (they never decrypt). */
export interface SealedClientPersonal {
  personal: string | null;
  hasPhone: boolean;
  hasMobile: boolean;
  hasEmail: boolean;
}

/** Seals a client's personal values (outside the frame import, which seals a chunk at a time). */
export async function sealClientPersonal(p: Partial<ClientPersonal>): Promise<SealedClientPersonal> {
  const values = CLIENT_PERSONAL_FIELDS.map((f) => p[f] || null);
  const flags = { hasPhone: !!p.phone, hasMobile: isUkMobile(p.phone ?? null), hasEmail: !!p.email };
  if (values.every((v) => v === null)) return { personal: null, ...flags };
  return { personal: Buffer.from(sealValue(packFields(values), await currentDataKey())).toString("base64"), ...flags };
}

/** An outbox message's personal part: the address (or a letter's client reference) and the template's personalisation (link, access code). */
export interface OutboxPersonal {
  to: string;
  personalisation: Record<string, string>;
}

export async function sealOutboxPersonal(p: OutboxPersonal): Promise<string> {
  return Buffer.from(sealValue(Buffer.from(JSON.stringify(p)), await currentDataKey())).toString("base64");
}

/** An outbox message's address and personalisation; null when erased. */
export async function openOutboxPersonal(sealed: string | null): Promise<OutboxPersonal | null> {
  if (sealed === null) return null;
  return JSON.parse((await openSealed(sealed)).toString("utf8")) as OutboxPersonal;
}
