/** @type {import('next').NextConfig} */
const nextConfig = {
  // Browser-test runs build into their own folder, so parallel runs never share one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // forbidden()/unauthorized() give real 403/401 responses (lib/auth/session.ts)
  // Responses and targets files are uploaded through server actions (default limit 1 MB).
  // proxy.ts runs on those posts, and Next buffers a body for the proxy only up to
  // proxyClientMaxBodySize (default 10 MB), silently cutting the rest (issue 17):
  // the same limit as the actions'.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "100mb" }, proxyClientMaxBodySize: "100mb" },
  // Server-side packages with native or WASM parts are loaded from node_modules, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg", "@prisma/adapter-pg", "pg-boss"],
  poweredByHeader: false,
  // No gzip in Node: the nginx in front compresses (deploy/nginx.conf), where it
  // costs the app nothing; in Node it took a fifth of a respondent page's time
  // (bench/online-answers).
  compress: false,
  // `npm test` type-checks the whole project (tsc --noEmit) before it builds.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        // On every response, whatever serves it (the per-page CSP with its nonce
        // is set by proxy.ts, lib/http/security-headers.ts).
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          // Browsers ignore it over plain HTTP, so it is safe to send always; over
          // HTTPS it tells them never to use HTTP for this host for a year.
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
