// Security headers (issue 17): the proxy sets this per-request
// Content-Security-Policy with its nonce; next.config.js sets the static ones
// (HSTS, Permissions-Policy, nosniff, framing) on every response.

/** 128 random bits, base64: a fresh one for every page. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The Content-Security-Policy of every page. Scripts run only with this
 * request's nonce (Next.js puts it on its own scripts when it finds it in the
 * request's CSP header) and what they load ('strict-dynamic'); style elements
 * come from this site or carry the nonce; style attributes stay allowed (the
 * charts and progress bars size themselves with them, and an attribute cannot
 * run code). Forms post only to this site, and to the identity provider when
 * one is configured (its sign-in redirects there). Nothing may frame a page.
 */
export function contentSecurityPolicy({
  nonce,
  development = false,
  identityProvider,
}: {
  nonce: string;
  development?: boolean;
  identityProvider?: string;
}): string {
  const formAction = ["'self'", ...(identityProvider ? [new URL(identityProvider).origin] : [])].join(" ");
  return [
    "default-src 'self'",
    // Next's development server evaluates code (react-refresh); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join("; ");
}
