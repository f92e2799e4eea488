// Check the configuration before serving anything, so a missing or malformed
// setting stops the app with a message that names it instead of failing on the
// first request.
import { env, EnvError } from "@/lib/env";

try {
  // Requests Next.js cannot take apart are refused (405, 400) before it tries;
  // the access log is one line per request: method, path without its query,
  // status, duration, user id.
  const [{ installServerHooks }, { log }] = await Promise.all([import("@/lib/http/node-server"), import("@/lib/log")]);
  installServerHooks({ accessLog: env().ACCESS_LOG ? log : null, trustedProxyHops: env().TRUSTED_PROXY_HOPS });
  if (env().JOBS_ENABLED) {
    // Background jobs (issue 13) on this server's database; a failure to start
    // them is logged, and the pages are served regardless.
    const connectionString = env().DATABASE_URL;
    void Promise.all([import("@/lib/jobs/runner"), import("@/lib/log")]).then(([{ startJobRunner }, { log }]) =>
      startJobRunner({ connectionString }).then(
        () => log.info("job runner started"),
        (error: unknown) => log.error({ err: error }, "job runner did not start"),
      ),
    );
  }
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`\nFieldwork cannot start.\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
