import { z } from "zod";

/**
 * Settings read from the environment, validated once at start-up.
 * A missing or malformed setting stops the app with a message naming it.
 */
const booleanFlag = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const databaseUrlSchema = z
  .string({ error: "DATABASE_URL is required (npm start sets it when it starts the embedded PostgreSQL)" })
  .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://");

/** The templates a Notify key needs, an email and a text message for each kind of message sent. */
const NOTIFY_TEMPLATE_PAIRS = [
  { email: "NOTIFY_EMAIL_TEMPLATE_ID", sms: "NOTIFY_SMS_TEMPLATE_ID", purpose: "" },
  { email: "NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID", sms: "NOTIFY_FEEDBACK_SMS_TEMPLATE_ID", purpose: " (the real-time feedback requests)" },
] as const;

/**
 * Online survey (issue 13, lib/cawi): where respondents' links point, and GOV.UK
 * Notify. Without NOTIFY_API_KEY every message goes to the local outbox table.
 * Read on its own by cawiEnv(), so the command line (which has no NEXTAUTH_SECRET)
 * can send invitations too.
 */
export const cawiEnvSchema = z
  .object({
    SURVEY_BASE_URL: z.url("SURVEY_BASE_URL must be the public address respondents open, e.g. https://survey.example.gov.uk").optional(),
    NEXTAUTH_URL: z.url().optional(),
    NOTIFY_API_KEY: z.string().min(74, "NOTIFY_API_KEY must be a GOV.UK Notify API key (name-serviceId-secret)").optional(),
    // Notify's API address; only tests (a local fake Notify) change it
    NOTIFY_BASE_URL: z.url().optional(),
    NOTIFY_EMAIL_TEMPLATE_ID: z.uuid("NOTIFY_EMAIL_TEMPLATE_ID must be a Notify template id").optional(),
    NOTIFY_SMS_TEMPLATE_ID: z.uuid("NOTIFY_SMS_TEMPLATE_ID must be a Notify template id").optional(),
    NOTIFY_EMAIL_REMINDER_TEMPLATE_ID: z.uuid().optional(),
    NOTIFY_SMS_REMINDER_TEMPLATE_ID: z.uuid().optional(),
    // issue 14: the real-time feedback request (personalisation link, service, expiry_date)
    NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID: z.uuid("NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID must be a Notify template id").optional(),
    NOTIFY_FEEDBACK_SMS_TEMPLATE_ID: z.uuid("NOTIFY_FEEDBACK_SMS_TEMPLATE_ID must be a Notify template id").optional(),
    INVITATION_VALID_DAYS: z.coerce.number().int().min(1).max(365).default(28),
  })
  .superRefine((env, ctx) => {
    if (!env.NOTIFY_API_KEY) return;
    for (const { email, sms, purpose } of NOTIFY_TEMPLATE_PAIRS)
      if (!env[email] || !env[sms])
        ctx.addIssue({ code: "custom", path: ["NOTIFY_API_KEY"], message: `GOV.UK Notify needs ${email} and ${sms}${purpose} as well as NOTIFY_API_KEY` });
  });

export type CawiEnv = z.infer<typeof cawiEnvSchema>;

/** The online survey's settings of this process (parsed on each call: tests set them per run). */
export function cawiEnv(source: Record<string, string | undefined> = process.env): CawiEnv {
  return parseWith(cawiEnvSchema, source);
}

/** An http:// address that is not this machine's own (localhost, 127.0.0.1, ::1). */
export function plainHttpPublicUrl(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
}

/**
 * Settings every process may read, the command line and the tests too (no
 * secrets required): the log level, the embedded database's folder, and the
 * database URL when one is given.
 */
export const processEnvSchema = z.object({
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" })
    .default("info"),
  // where the embedded PostgreSQL keeps its data (lib/db/embedded.ts); default .data/postgres in the project
  FIELDWORK_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: databaseUrlSchema.optional(),
  // issue 17, lib/privacy: clients' contact details are erased this many months
  // after their last sample's fieldwork ends; audit events are kept this long
  CONTACT_RETENTION_MONTHS: z.coerce.number().int().min(1, "CONTACT_RETENTION_MONTHS is at least 1").max(120).default(6),
  AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(12, "AUDIT_RETENTION_MONTHS is at least 12: an auditor looks back a year or more").max(240).default(24),
  // issue 17: the master key that wraps the data keys of personal-data encryption
  // (lib/privacy/crypto/master-key.ts); required in production (envSchema). Without
  // it, outside production, one is kept in FIELDWORK_DATA_DIR/personal-data-key.
  PERSONAL_DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32 && Buffer.from(v, "base64").toString("base64") === v, {
      message: "PERSONAL_DATA_KEY must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)",
    })
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
});

export type ProcessEnv = z.infer<typeof processEnvSchema>;

/** The settings of processEnvSchema (parsed on each call: the command line and tests set them as they go). */
export function processEnv(source: Record<string, string | undefined> = process.env): ProcessEnv {
  return parseWith(processEnvSchema, source);
}

export const envSchema = processEnvSchema
  .extend({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: databaseUrlSchema,
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (generate one with: openssl rand -base64 32)"),
    NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a full URL such as https://fieldwork.example.gov.uk").optional(),
    SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 7)
      .default(8),
    // a staff session with no request for this long ends (the server's rule, not the cookie's)
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(30),
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
    SIGN_IN_FAILURE_DELAY_MS: z.coerce.number().int().min(0).default(1000),
    OIDC_ISSUER: z.url("OIDC_ISSUER must be the identity provider's issuer URL").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().default("your organisation's sign-in"),
    OIDC_ALLOW_UNKNOWN_USERS: booleanFlag.default(false),
    SECURE_COOKIES: booleanFlag.optional(),
    // Production refuses a plain-HTTP public address (issue 17); this says "I know" (a closed test network).
    ALLOW_INSECURE_HTTP: booleanFlag.default(false),
    // issue 13: run the background jobs (lib/jobs: reminders, link expiry, the
    // mixed-mode switch, Notify deliveries) in this server; every instance may
    // (pg-boss runs each job once), or one dedicated instance
    JOBS_ENABLED: booleanFlag.default(false),
    // issue 17: the access log (lib/http/access-log.ts), at LOG_LEVEL info
    ACCESS_LOG: booleanFlag.default(true),
    // How many proxies in front of the app set X-Forwarded-For (deploy/nginx.conf: 1).
    // 0: the address is the connection's own, and a client's X-Forwarded-For is ignored
    // (lib/http/node-server.ts), so nobody can choose their own address for the rate limits.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.NEXTAUTH_URL && plainHttpPublicUrl(env.NEXTAUTH_URL) && !env.ALLOW_INSECURE_HTTP) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_URL"],
        message:
          "NEXTAUTH_URL is a plain http:// address in production: passwords and session cookies would cross the network unencrypted. " +
          "Serve Fieldwork over HTTPS and give its https:// address (TLS may end at the proxy in front), or set ALLOW_INSECURE_HTTP=true on a closed test network",
      });
    }
    if (env.NODE_ENV === "production" && env.SECURE_COOKIES === false && env.NEXTAUTH_URL?.startsWith("https://")) {
      ctx.addIssue({
        code: "custom",
        path: ["SECURE_COOKIES"],
        message: "SECURE_COOKIES=false with an https:// NEXTAUTH_URL in production: remove it, so session cookies are Secure",
      });
    }
    if (env.NODE_ENV === "production" && !env.PERSONAL_DATA_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["PERSONAL_DATA_KEY"],
        message:
          "PERSONAL_DATA_KEY is required in production: the key that encrypts clients' phone numbers, emails and names (generate one with: openssl rand -base64 32, and keep it safe: without it they cannot be read)",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    const set = oidc.filter(Boolean).length;
    if (set > 0 && set < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OpenID Connect needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration problem:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(envSchema, source);
}

/** One schema's settings, or an EnvError naming every problem. Empty strings count as unset, as shells and compose files often pass them. */
function parseWith<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Just the database URL, for code that runs outside the web app (CLI, scripts, tests). */
export function databaseUrl(): string {
  // db() asks on every query: parse each value once (tests change it between databases).
  const raw = process.env.DATABASE_URL || undefined;
  if (checkedDatabaseUrl && checkedDatabaseUrl.raw === raw) return checkedDatabaseUrl.url;
  const result = databaseUrlSchema.safeParse(raw);
  if (!result.success) throw new EnvError([`DATABASE_URL: ${result.error.issues[0]?.message}`]);
  checkedDatabaseUrl = { raw, url: result.data };
  return result.data;
}
let checkedDatabaseUrl: { raw: string | undefined; url: string } | undefined;
