import { z } from "zod";

// One contact as CMS's contact systems report it (issue 14): POST /api/contacts
// (JSON, snake_case like the interchange files) and `contacts import FILE` (CSV,
// the same columns) share this schema. No personal data: the client reference
// and a pseudonymous team or agent code only.

export const CONTACT_FIELDS = ["contact_id", "client_ref", "service", "channel", "contact_at", "reason", "team_code"] as const;
export const CONTACT_CHANNELS = ["PHONE", "WEBCHAT", "EMAIL", "LETTER", "PORTAL"] as const;
export const CONTACT_REASONS = ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES", "ARREARS", "COMPLAINT", "CASE_CLOSURE", "ENQUIRY"] as const;
export const MAX_CONTACTS_PER_POST = 1000;

const REF = /^[A-Za-z0-9_-]{1,64}$/;
const upper = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase() : v);

export const contactItemSchema = z
  .object({
    contact_id: z
      .string({ error: "contact_id is required: the contact system's own id of the contact" })
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/, "contact_id must be 1-100 characters of A-Z a-z 0-9 _ . : -"),
    client_ref: z.string({ error: "client_ref is required" }).regex(REF, "client_ref must be 1-64 characters of A-Z a-z 0-9 _ -"),
    service: z.preprocess(upper, z.enum(["CMS", "OPTIONS"], { error: "service must be CMS or OPTIONS" })),
    channel: z.preprocess(upper, z.enum(CONTACT_CHANNELS, { error: "channel must be phone, webchat, email, letter or portal" })),
    contact_at: z.iso.datetime({ offset: true, error: "contact_at must be a date and time with its offset, e.g. 2026-12-04T10:15:00Z" }),
    reason: z.preprocess(upper, z.enum(CONTACT_REASONS, { error: `reason must be one of ${CONTACT_REASONS.join(", ")}` })),
    team_code: z
      .string({ error: "team_code is required: the pseudonymous team or agent code" })
      .regex(/^[A-Za-z0-9_-]{1,32}$/, "team_code must be 1-32 characters of A-Z a-z 0-9 _ - (a code, not a name)"),
  })
  .strict();

export type ContactItem = z.infer<typeof contactItemSchema>;

export interface ContactRow {
  contactRef: string;
  service: "CMS" | "OPTIONS";
  clientRef: string;
  channel: (typeof CONTACT_CHANNELS)[number];
  contactAt: Date;
  reason: (typeof CONTACT_REASONS)[number];
  teamCode: string;
}

export interface ItemError {
  /** 0-based position in the posted batch (the CSV import reports a line instead) */
  index: number;
  field: string;
  reason: string;
}

export type ParsedItem = { ok: true; row: ContactRow } | { ok: false; errors: { field: string; reason: string }[] };

export function parseContactItem(item: unknown, now: Date): ParsedItem {
  if (typeof item !== "object" || item === null || Array.isArray(item))
    return { ok: false, errors: [{ field: "item", reason: "each contact must be a JSON object" }] };
  const parsed = contactItemSchema.safeParse(item);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) =>
      i.code === "unrecognized_keys"
        ? {
            field: i.keys.join(", "),
            reason: `unknown field${i.keys.length > 1 ? "s" : ""}: only ${CONTACT_FIELDS.join(", ")} are accepted (no personal data)`,
          }
        : { field: i.path.length ? i.path.join(".") : "item", reason: i.message },
    );
    return { ok: false, errors };
  }
  const d = parsed.data;
  const contactAt = new Date(d.contact_at);
  // a clock a little ahead is tolerated; a contact from the future is a mistake
  if (contactAt.getTime() > now.getTime() + 5 * 60_000) return { ok: false, errors: [{ field: "contact_at", reason: "contact_at is in the future" }] };
  return {
    ok: true,
    row: { contactRef: d.contact_id, service: d.service, clientRef: d.client_ref, channel: d.channel, contactAt, reason: d.reason, teamCode: d.team_code },
  };
}

/** A posted body: one contact object, or {contacts: [...]}, or a bare array. */
export function contactsOfBody(body: unknown): { ok: true; items: unknown[] } | { ok: false; reason: string } {
  const items = Array.isArray(body)
    ? body
    : body && typeof body === "object" && Array.isArray((body as { contacts?: unknown }).contacts)
      ? (body as { contacts: unknown[] }).contacts
      : body && typeof body === "object"
        ? [body]
        : null;
  if (!items) return { ok: false, reason: 'The body must be a contact object, an array of contacts, or {"contacts": [...]}' };
  if (items.length === 0) return { ok: false, reason: "The batch has no contacts" };
  if (items.length > MAX_CONTACTS_PER_POST)
    return { ok: false, reason: `A batch may hold at most ${MAX_CONTACTS_PER_POST} contacts; this one has ${items.length}` };
  return { ok: true, items };
}
