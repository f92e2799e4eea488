import { describe, expect, it } from "vitest";
import { cawiEnv, EnvError, parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://localhost/fieldwork", NEXTAUTH_SECRET: "x".repeat(32) };

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv(base);
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(env.SIGN_IN_MAX_FAILURES).toBe(5);
    expect(env.OIDC_ISSUER).toBeUndefined();
  });

  it("names each missing or malformed setting", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short", SESSION_MAX_AGE_HOURS: "soon" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toContain("DATABASE_URL: DATABASE_URL must start with postgresql://");
      expect(problems).toContain("NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters");
      expect(problems).toContain("SESSION_MAX_AGE_HOURS");
    }
  });

  it("says DATABASE_URL is required when absent, and treats empty strings as unset", () => {
    expect(() => parseEnv({ ...base, DATABASE_URL: "" })).toThrow(/DATABASE_URL is required/);
  });

  it("needs all three OpenID Connect settings or none", () => {
    expect(() => parseEnv({ ...base, OIDC_ISSUER: "https://login.example.gov.uk" })).toThrow(
      /needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/,
    );
    const env = parseEnv({ ...base, OIDC_ISSUER: "https://login.example.gov.uk", OIDC_CLIENT_ID: "fieldwork", OIDC_CLIENT_SECRET: "s3cret" });
    expect(env.OIDC_CLIENT_ID).toBe("fieldwork");
  });

  it("refuses a plain-HTTP public address in production, not this machine's own, and not when told", () => {
    const production = { ...base, NODE_ENV: "production", PERSONAL_DATA_KEY: Buffer.alloc(32, 1).toString("base64") };
    expect(() => parseEnv({ ...production, NEXTAUTH_URL: "http://fieldwork.example.gov.uk" })).toThrow(
      /NEXTAUTH_URL is a plain http:\/\/ address in production/,
    );
    expect(parseEnv({ ...production, NEXTAUTH_URL: "https://fieldwork.example.gov.uk" }).NEXTAUTH_URL).toBe("https://fieldwork.example.gov.uk");
    expect(parseEnv({ ...production, NEXTAUTH_URL: "http://localhost:3000" }).NODE_ENV).toBe("production");
    expect(parseEnv({ ...production, NEXTAUTH_URL: "http://10.0.0.5:8080", ALLOW_INSECURE_HTTP: "true" }).ALLOW_INSECURE_HTTP).toBe(true);
    expect(parseEnv({ ...base, NEXTAUTH_URL: "http://fieldwork.example.gov.uk" }).NODE_ENV).toBe("development");
    expect(() => parseEnv({ ...production, NEXTAUTH_URL: "https://fieldwork.example.gov.uk", SECURE_COOKIES: "false" })).toThrow(/SECURE_COOKIES=false/);
  });
});

describe("cawiEnv: GOV.UK Notify's templates", () => {
  const notify = {
    NOTIFY_API_KEY: `fieldwork_live-${"1".repeat(8)}-1111-1111-1111-${"1".repeat(12)}-${"2".repeat(8)}-2222-2222-2222-${"2".repeat(12)}`,
    NOTIFY_EMAIL_TEMPLATE_ID: "6f1b6a8e-8a43-4c59-9d55-0c1c1e1b0a01",
    NOTIFY_SMS_TEMPLATE_ID: "6f1b6a8e-8a43-4c59-9d55-0c1c1e1b0a02",
    NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID: "6f1b6a8e-8a43-4c59-9d55-0c1c1e1b0a03",
    NOTIFY_FEEDBACK_SMS_TEMPLATE_ID: "6f1b6a8e-8a43-4c59-9d55-0c1c1e1b0a04",
  };

  it("needs the feedback request templates with a key, as the invitation templates", () => {
    expect(cawiEnv(notify).NOTIFY_FEEDBACK_SMS_TEMPLATE_ID).toBe(notify.NOTIFY_FEEDBACK_SMS_TEMPLATE_ID);
    expect(() => cawiEnv({ ...notify, NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID: "" })).toThrow(
      /needs NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID and NOTIFY_FEEDBACK_SMS_TEMPLATE_ID/,
    );
    expect(() => cawiEnv({ ...notify, NOTIFY_FEEDBACK_SMS_TEMPLATE_ID: undefined })).toThrow(
      /needs NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID and NOTIFY_FEEDBACK_SMS_TEMPLATE_ID/,
    );
    expect(() => cawiEnv({ ...notify, NOTIFY_FEEDBACK_SMS_TEMPLATE_ID: "sms-feedback" })).toThrow(
      /NOTIFY_FEEDBACK_SMS_TEMPLATE_ID must be a Notify template id/,
    );
    // without a key every message stays in the local outbox: no template is needed
    expect(cawiEnv({}).NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID).toBeUndefined();
  });

  it("needs the invitation templates with a key, and names each missing pair once", () => {
    const problems = (source: Record<string, string | undefined>) => {
      try {
        cawiEnv(source);
        return [];
      } catch (error) {
        return (error as EnvError).problems;
      }
    };
    expect(problems({ ...notify, NOTIFY_SMS_TEMPLATE_ID: undefined })).toEqual([
      "NOTIFY_API_KEY: GOV.UK Notify needs NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_SMS_TEMPLATE_ID as well as NOTIFY_API_KEY",
    ]);
    expect(problems({ NOTIFY_API_KEY: notify.NOTIFY_API_KEY })).toEqual([
      "NOTIFY_API_KEY: GOV.UK Notify needs NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_SMS_TEMPLATE_ID as well as NOTIFY_API_KEY",
      "NOTIFY_API_KEY: GOV.UK Notify needs NOTIFY_FEEDBACK_EMAIL_TEMPLATE_ID and NOTIFY_FEEDBACK_SMS_TEMPLATE_ID (the real-time feedback requests) as well as NOTIFY_API_KEY",
    ]);
    expect(problems({ ...notify, NOTIFY_API_KEY: undefined, NOTIFY_EMAIL_TEMPLATE_ID: undefined })).toEqual([]);
  });

  it("requires PERSONAL_DATA_KEY (32 bytes, base64) in production (issue 17)", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production", NEXTAUTH_URL: "https://fieldwork.example.gov.uk" })).toThrow(
      /PERSONAL_DATA_KEY is required in production/,
    );
    expect(() => parseEnv({ ...base, PERSONAL_DATA_KEY: "c2hvcnQ=" })).toThrow(/PERSONAL_DATA_KEY must be 32 random bytes/);
    expect(parseEnv(base).PERSONAL_DATA_KEY).toBeUndefined();
  });
});
