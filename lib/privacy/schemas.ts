import { z } from "zod";

// issue 17, personal data: what the retention and erasure commands accept.

export const eraseExpiredSchema = z.object({
  months: z.coerce
    .number({ error: "--months is a whole number of months" })
    .int("--months is a whole number of months")
    .min(1, "--months is at least 1")
    .max(120)
    .optional(),
  dryRun: z.boolean().default(false),
});

export const pruneAuditSchema = z.object({
  months: z.coerce
    .number({ error: "--months is a whole number of months" })
    .int("--months is a whole number of months")
    .min(12, "--months is at least 12: an auditor looks back a year or more")
    .max(240)
    .optional(),
  dryRun: z.boolean().default(false),
});

export const eraseClientSchema = z.object({
  service: z.enum(["CMS", "OPTIONS"], { error: "--service is CMS or OPTIONS (the frame the client is in)" }),
  clientRef: z.string().trim().min(1, "--client-ref is the client's reference in the frame").max(64, "--client-ref is at most 64 characters"),
  reason: z.string().trim().min(3, "--reason says why (for example the request's reference)").max(500, "--reason is at most 500 characters"),
});
export type EraseClientInput = z.output<typeof eraseClientSchema>;

// issue 17, key rotation: where the new master key comes from (a file holding it
// in base64, as PERSONAL_DATA_KEY takes it); without one, the local key file's
// key is replaced by a new one (the embedded default only).
export const rotateKeySchema = z.object({
  newKeyFile: z.string().trim().min(1, "--new-key-file is a file holding the new key in base64 (openssl rand -base64 32 > new.key)").optional(),
});
