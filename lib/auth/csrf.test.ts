import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csrfCookieName, csrfFor } from "./csrf";

// next-auth's own token functions (not exported by the package): ours must make
// cookies next-auth accepts, and accept the ones it makes.
const require = createRequire(import.meta.url);
// by file path: the package's "exports" hide its core modules
const nextAuthDir = path.dirname(require.resolve("next-auth"));
const { createCSRFToken } = require(path.join(nextAuthDir, "core/lib/csrf-token.js")) as {
  createCSRFToken: (p: { options: { secret: string }; cookieValue?: string; isPost: boolean; bodyValue?: string }) => {
    csrfToken: string;
    cookie?: string;
    csrfTokenVerified?: boolean;
  };
};
const { defaultCookies } = require(path.join(nextAuthDir, "core/lib/cookie.js")) as {
  defaultCookies: (secure: boolean) => { csrfToken: { name: string; options: Record<string, unknown> } };
};

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const e = (secure: boolean) => ({ NEXTAUTH_SECRET: SECRET, SECURE_COOKIES: secure, NEXTAUTH_URL: undefined });

describe("the CSRF cookie the proxy sets for plain sign-in and sign-out forms", () => {
  it("is one next-auth verifies when the form posts its token", () => {
    const made = csrfFor(() => undefined, e(false));
    expect(made.set).toBeDefined();
    const checked = createCSRFToken({ options: { secret: SECRET }, cookieValue: made.set!.value, isPost: true, bodyValue: made.token });
    expect(checked).toMatchObject({ csrfTokenVerified: true, csrfToken: made.token });
    expect(createCSRFToken({ options: { secret: SECRET }, cookieValue: made.set!.value, isPost: true, bodyValue: "forged" }).csrfTokenVerified).toBe(false);
  });

  it("reuses the token of a cookie next-auth made, and replaces a forged one", () => {
    const theirs = createCSRFToken({ options: { secret: SECRET }, isPost: false });
    const name = csrfCookieName(false);
    expect(csrfFor((n) => (n === name ? theirs.cookie : undefined), e(false))).toEqual({ token: theirs.csrfToken });
    const forged = csrfFor((n) => (n === name ? `${"a".repeat(64)}|${"b".repeat(64)}` : undefined), e(false));
    expect(forged.token).not.toBe("a".repeat(64));
    expect(forged.set).toBeDefined();
  });

  it("has next-auth's cookie name and options, secure or not", () => {
    for (const secure of [false, true]) {
      const theirs = defaultCookies(secure).csrfToken;
      const ours = csrfFor(() => undefined, e(secure)).set!;
      expect(ours.name).toBe(theirs.name);
      expect(ours.options).toEqual(theirs.options);
    }
  });
});
